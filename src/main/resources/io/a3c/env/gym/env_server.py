"""a3c environment server: one Gymnasium environment, driven by the Java trainer over a pipe.

The Java side (io.a3c.env.gym) starts one of these per environment with
``python env_server.py`` and talks to it over stdin/stdout. Everything is little-endian.

Frames, both ways: ``u32 length`` then ``length`` bytes of payload; the first payload byte is the
message type. The server greets first, then answers each request with exactly one frame.

  server -> client  'H' hello   MAGIC(8) u32 version, then UTF-8 JSON {python, versions, missing}
  client -> server  'O' open    UTF-8 JSON {id, frame_size, preprocessing, action_space, training,
                                record_frames}
  server -> client  'P' spec    UTF-8 JSON {id, observation_shape, actions, meanings, ...}
  client -> server  'L' list    (nothing)                 -> 'J' JSON list of working ids
  client -> server  'R' reset   u8 has_seed, u64 seed     -> 'F' observation frame
  client -> server  'S' step    i32 action index          -> 'F' observation frame
  client -> server  'B' bench   f64 seconds, u8 preprocess -> 'J' JSON {steps, seconds}
  server -> client  'F' frame   f64 reward, u8 flags, f32[n] observation,
                                [u16 height, u16 width, u8[h*w*3] RGB when flags & HAS_FRAME]
  server -> client  'E' error   UTF-8 JSON {kind, message, traceback}

The server exits when stdin reaches end-of-file, which is also what happens when the JVM dies.
Only the standard library is imported before the greeting is prepared, so that a missing
Gymnasium is reported in the hello frame rather than as a crash.
"""

import json
import os
import signal
import struct
import sys
import time
import traceback

PROTOCOL_VERSION = 1
# \r\n inside the magic catches a channel that rewrites line endings, like PNG's signature.
MAGIC = b"A3CGYM\r\n"
# Requests are small (the largest is the open request's JSON); anything bigger is garbage.
MAX_REQUEST = 1 << 20
MAX_ERROR_TEXT = 32 * 1024

FLAG_TERMINAL = 1
FLAG_GAME_OVER = 2
FLAG_TRUNCATED = 4
FLAG_HAS_FRAME = 8

ALE_ENTRY_POINT = "ale_py.env:AtariEnv"
DETERMINISTIC_SUFFIX = "Deterministic-v4"
NOFRAMESKIP_SUFFIX = "NoFrameskip-v4"

# The reference's restricted action spaces, indices into the game's minimal action set.
DEFAULT_ACTIONS = {"pong": [0, 2, 3], "breakout": [1, 2, 3]}


class InvalidInput(Exception):
    """The request names something that cannot work: the Java side reports it as bad input."""

    def __init__(self, message, kind="invalid_input", **extra):
        super().__init__(message)
        self.kind = kind
        self.extra = extra


class Channel:
    """The protocol, on private copies of fds 0 and 1.

    Fd 1 and sys.stdout are pointed at stderr afterwards so that a print from Python or from a C
    library can never land inside a frame (one stray warning would otherwise read as a 1.4 GB
    frame length).
    """

    def __init__(self):
        in_fd = os.dup(0)
        self.out_fd = os.dup(1)
        os.dup2(2, 1)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        sys.stdout = sys.stderr
        self.inp = os.fdopen(in_fd, "rb", buffering=1 << 16)

    def read(self):
        """The next request's payload, or None at end-of-file."""
        head = self.inp.read(4)
        if len(head) < 4:
            return None
        (length,) = struct.unpack("<I", head)
        if length == 0 or length > MAX_REQUEST:
            raise ProtocolError("request of %d bytes (limit %d)" % (length, MAX_REQUEST))
        body = self.inp.read(length)
        if len(body) < length:
            return None
        return body

    def send(self, *parts):
        payload_length = sum(len(p) for p in parts)
        data = b"".join((struct.pack("<I", payload_length),) + parts)
        view = memoryview(data)
        while view:
            written = os.write(self.out_fd, view)
            view = view[written:]

    def send_json(self, kind, obj):
        self.send(kind, json.dumps(obj).encode("utf-8"))

    def send_error(self, kind, message, trace=""):
        self.send_json(b"E", {"kind": kind, "message": message[:MAX_ERROR_TEXT],
                              "traceback": trace[-MAX_ERROR_TEXT:]})


class ProtocolError(Exception):
    pass


def load_libraries():
    """Imports Gymnasium and ale-py; returns (modules, versions, missing-message-or-None)."""
    versions = {"python": "%d.%d.%d" % sys.version_info[:3]}
    try:
        import gymnasium  # first, so that a bare interpreter's message names it
        import numpy
        versions["numpy"] = numpy.__version__
        versions["gymnasium"] = gymnasium.__version__
    except Exception as e:  # ImportError, or a broken install raising something else
        return None, versions, "%s: %s" % (type(e).__name__, e)
    try:
        import ale_py
        versions["ale_py"] = ale_py.__version__
        # Without this, every ALE id fails with "Namespace ALE not found".
        gymnasium.register_envs(ale_py)
    except Exception as e:
        return None, versions, "%s: %s" % (type(e).__name__, e)
    return (numpy, gymnasium), versions, None


def deterministic_base(env_id, registry):
    """'PongDeterministic-v4' -> 'PongNoFrameskip-v4' when that id exists, else None."""
    if not env_id.endswith(DETERMINISTIC_SUFFIX) or "/" in env_id:
        return None
    base = env_id[: -len(DETERMINISTIC_SUFFIX)] + NOFRAMESKIP_SUFFIX
    return base if base in registry else None


def make_env(gymnasium, env_id, render):
    """gymnasium.make for every registered id plus the classic *Deterministic-v4 aliases."""
    kwargs = {"render_mode": "rgb_array"} if render else {}
    base = deterministic_base(env_id, gymnasium.registry)
    if base is not None:
        game = gymnasium.registry[base].kwargs.get("game")
        # As gym defined them: the NoFrameskip-v4 game, a fixed frame skip, no sticky actions and
        # the minimal action set. Gym used 3 for Space Invaders, whose lasers blink every 4 frames.
        kwargs.update(frameskip=3 if game == "space_invaders" else 4,
                      repeat_action_probability=0.0, full_action_space=False)
        return gymnasium.make(base, **kwargs), game
    spec = gymnasium.registry.get(env_id)
    if spec is None:
        raise InvalidInput("unknown environment '%s'" % env_id, kind="unknown_id")
    game = spec.kwargs.get("game") if spec.entry_point == ALE_ENTRY_POINT else None
    return gymnasium.make(env_id, **kwargs), game


def working_ids(numpy, gymnasium):
    """Every id that makes an environment a3c can drive, for `a3c envs` and close matches."""
    ids = []
    for env_id, spec in gymnasium.registry.items():
        if spec.entry_point == ALE_ENTRY_POINT:
            ids.append(env_id)  # all Discrete with image observations; making 100+ is slow
            if env_id.endswith(NOFRAMESKIP_SUFFIX) and "/" not in env_id:
                ids.append(env_id[: -len(NOFRAMESKIP_SUFFIX)] + DETERMINISTIC_SUFFIX)
            continue
        try:
            env = gymnasium.make(env_id)
            try:
                Session.check_spaces(numpy, gymnasium, env, env_id)
            finally:
                env.close()
            ids.append(env_id)
        except Exception:
            pass  # missing optional dependency (MuJoCo, Box2D, jax), continuous actions, ...
    return sorted(ids)


REFERENCE = "reference"
CROPPED_NORMALIZED = "cropped-normalized"
PREPROCESSINGS = (CROPPED_NORMALIZED, REFERENCE)
# Atari rows 34-193: the playing field without the score line and the top and bottom borders.
ATARI_CROP_ROWS = (34, 194)
ATARI_CROP_COLUMNS = 160
NORMALIZER_ALPHA = 0.9999
NORMALIZER_EPSILON = 1e-8


class RunningNormalizer:
    """(frame - mean) / std with a running scalar mean and std of the frames seen so far.

    Each frame's own mean and standard deviation are smoothed with NORMALIZER_ALPHA and
    bias-corrected (as Adam corrects its moments), so the first frame is already normalised by
    its own figures. The state belongs to one environment and lasts for its whole life.
    """

    def __init__(self):
        self.mean = 0.0
        self.std = 0.0
        self.count = 0

    def __call__(self, frame):
        self.count += 1
        self.mean = self.mean * NORMALIZER_ALPHA + float(frame.mean()) * (1 - NORMALIZER_ALPHA)
        self.std = self.std * NORMALIZER_ALPHA + float(frame.std()) * (1 - NORMALIZER_ALPHA)
        correction = 1 - NORMALIZER_ALPHA ** self.count
        frame -= self.mean / correction
        frame /= self.std / correction + NORMALIZER_EPSILON
        return frame


class Preprocessor:
    """Observation -> float32 vector in the order Java expects (row-major h, w, c).

    kind "reference": the whole frame, mean of RGB, area resize, / 255.
    kind "cropped-normalized": Atari frames (crop=True) cropped to ATARI_CROP_ROWS, resized to
    80x80 then to the frame size (bilinear), mean of RGB, / 255, then a RunningNormalizer.
    play.py imports this class, so Python plays with exactly the frames the trainer saw.
    """

    def __init__(self, numpy, space, frame_size, kind=REFERENCE, crop=False):
        np = numpy
        self.np = np
        if kind not in PREPROCESSINGS:
            raise InvalidInput("unknown preprocessing '%s' (known: %s)"
                               % (kind, ", ".join(PREPROCESSINGS)))
        self.kind = kind
        self.frame_size = frame_size
        shape = tuple(space.shape) if space.shape is not None else ()
        self.one_hot = None
        self.image = False
        if type(space).__name__ == "Discrete":
            self.one_hot = (int(space.start), int(space.n))
            self.shape = [int(space.n)]
        elif type(space).__name__ == "Box" and space.dtype == np.uint8 and (
                len(shape) == 2 or (len(shape) == 3 and shape[2] in (1, 3))):
            self.image = True
            self.rgb = len(shape) == 3 and shape[2] == 3
            h, w = shape[0], shape[1]
            # Area resize as exact pixel-coverage averaging: rows (fs x h) and columns (w x fs).
            # The 1/3 of the RGB mean and the 1/255 scaling are folded into the column weights.
            scale = 1.0 / (3 * 255) if self.rgb else 1.0 / 255
            self.rows = area_weights(np, h, frame_size).astype(np.float32)
            self.cols = (area_weights(np, w, frame_size).T * scale).astype(np.float32)
            self.gray = np.empty((h, w), np.float32)
            self.rgb_f32 = np.empty((h, w, 3), np.float32) if self.rgb else None
            self.shape = [frame_size, frame_size, 1]
            self.cv2 = None
            if kind == CROPPED_NORMALIZED:
                try:
                    import cv2
                except Exception as e:
                    raise InvalidInput("the %s preprocessing needs OpenCV (opencv-python-headless;"
                                       " run python-export/setup.sh): %s" % (kind, e))
                cv2.setNumThreads(1)
                self.cv2 = cv2
                self.crop = crop and h >= ATARI_CROP_ROWS[1] and w >= ATARI_CROP_COLUMNS
                self.normalizer = RunningNormalizer()
            elif self.rgb:
                try:
                    import cv2
                    cv2.setNumThreads(1)
                    self.cv2 = cv2
                    self.ones = np.ones((1, 3), np.float32)
                except Exception:
                    self.cv2 = None  # numpy does the channel sum, a little slower
        elif type(space).__name__ == "Box":
            self.shape = [int(np.prod(shape))] if shape else [1]
        else:
            raise InvalidInput("observation space %s is not supported (a3c needs images, vectors "
                               "or a Discrete observation)" % (space,))

    def __call__(self, obs):
        np = self.np
        if self.image and self.kind == CROPPED_NORMALIZED:
            return self.cropped_normalized(obs).astype("<f4", copy=False).tobytes()
        if self.image:
            if self.rgb:
                if self.cv2 is not None:
                    np.copyto(self.rgb_f32, obs)
                    gray = self.cv2.transform(self.rgb_f32, self.ones)  # sum of the channels
                else:
                    gray = self.gray
                    np.add(obs[:, :, 0], obs[:, :, 1], out=gray, dtype=np.float32)
                    gray += obs[:, :, 2]
            else:
                gray = self.gray
                np.copyto(gray, obs.reshape(gray.shape))
            out = self.rows @ gray @ self.cols
            return out.astype("<f4", copy=False).tobytes()
        if self.one_hot is not None:
            start, n = self.one_hot
            vec = np.zeros(n, "<f4")
            vec[int(obs) - start] = 1.0
            return vec.tobytes()
        return np.asarray(obs, dtype="<f4").reshape(-1).tobytes()


    def cropped_normalized(self, obs):
        """The frame as a float32 (frame_size, frame_size) array; advances the normaliser."""
        np, cv2 = self.np, self.cv2
        frame = np.asarray(obs)
        if not self.rgb:
            frame = frame.reshape(frame.shape[0], frame.shape[1])
        if self.crop:
            top, bottom = ATARI_CROP_ROWS
            frame = frame[top:bottom, :ATARI_CROP_COLUMNS]
        # Two steps, as the configuration that first learned Pong here did: 160x160 -> 80x80 ->
        # 42x42, bilinear; the first halving keeps a 1-2 pixel ball from vanishing.
        frame = cv2.resize(frame, (80, 80))
        frame = cv2.resize(frame, (self.frame_size, self.frame_size))
        gray = frame.mean(axis=2) if frame.ndim == 3 else frame.astype(np.float64)
        gray = gray.astype(np.float32)
        gray *= 1.0 / 255.0
        return self.normalizer(gray)


def area_weights(np, n_in, n_out):
    """(n_out x n_in) matrix averaging the input pixels each output pixel covers, by coverage."""
    weights = np.zeros((n_out, n_in), np.float64)
    step = n_in / n_out
    for o in range(n_out):
        lo, hi = o * step, (o + 1) * step
        for i in range(int(lo), min(n_in, int(np.ceil(hi)))):
            weights[o, i] = max(0.0, min(hi, i + 1) - max(lo, i)) / step
    return weights


class Session:
    """The one open environment and the rules applied on top of it."""

    def __init__(self, numpy, gymnasium, request):
        self.np = numpy
        env_id = request["id"]
        frame_size = int(request.get("frame_size", 47))
        if frame_size < 1:
            raise InvalidInput("frame size must be at least 1 (got %d)" % frame_size)
        self.training = bool(request.get("training", True))
        self.record = bool(request.get("record_frames", False))
        self.env, self.game = make_env(gymnasium, env_id, self.record)
        try:
            self.check_spaces(numpy, gymnasium, self.env, env_id)
            space = self.env.action_space
            start, n = int(space.start), int(space.n)
            meanings = self.game_meanings(start, n)
            requested = request.get("action_space")
            if requested is not None:
                self.actions = self.validate_actions(env_id, requested, start, n, meanings)
            else:
                self.actions = DEFAULT_ACTIONS.get(self.game, list(range(start, start + n)))
            self.meanings = [meanings[a - start] for a in self.actions]
            self.prep = Preprocessor(numpy, self.env.observation_space, frame_size,
                                     request.get("preprocessing", REFERENCE),
                                     crop=self.game is not None)
            obs_shape = getattr(self.env.observation_space, "shape", None)
            self.obs_is_rgb = self.prep.image and self.prep.rgb
            self.spec = {
                "id": env_id,
                "observation_shape": self.prep.shape,
                "image": self.prep.image,
                "actions": self.actions,
                "meanings": self.meanings,
                "game_actions": meanings,
                "game": self.game,
                "raw_observation_shape": list(obs_shape) if obs_shape is not None else None,
                "training": self.training,
                "record_frames": self.record,
            }
        except BaseException:
            self.env.close()
            raise
        self.seeded = False
        self.render_failed = False
        self.lives = None
        self.over = True

    @staticmethod
    def check_spaces(numpy, gymnasium, env, env_id):
        space = env.action_space
        if not isinstance(space, gymnasium.spaces.Discrete):
            raise InvalidInput("environment '%s' has the action space %s; a3c needs a discrete "
                               "(Discrete) action space" % (env_id, space))
        Preprocessor(numpy, env.observation_space, 1)

    def game_meanings(self, start, n):
        getter = getattr(self.env.unwrapped, "get_action_meanings", None)
        if getter is not None:
            try:
                meanings = list(getter())
                if len(meanings) == n:
                    return meanings
            except Exception:
                pass
        return [str(a) for a in range(start, start + n)]

    @staticmethod
    def validate_actions(env_id, requested, start, n, meanings):
        valid = ", ".join("%d %s" % (start + i, m) for i, m in enumerate(meanings))
        if not requested:
            raise InvalidInput("the action space for '%s' is empty; valid actions: %s"
                               % (env_id, valid))
        actions = []
        for a in requested:
            a = int(a)
            if not start <= a < start + n:
                raise InvalidInput("action %d is not in the action space of '%s'; valid actions: %s"
                                   % (a, env_id, valid))
            if a in actions:
                raise InvalidInput("action %d is listed twice in the action space for '%s'"
                                   % (a, env_id))
            actions.append(a)
        return actions

    def reset(self, seed):
        if not self.seeded and seed is not None:
            obs, info = self.env.reset(seed=seed)
            # Random actions of the bench come from here too; keep them reproducible.
            self.env.action_space.seed(seed)
        else:
            obs, info = self.env.reset()
        self.seeded = True
        self.lives = info.get("lives")
        self.over = False
        return self.frame(obs, 0.0, 0)

    def step(self, index):
        if self.over:
            raise RuntimeError("step after the game ended: reset first")
        if not 0 <= index < len(self.actions):
            raise RuntimeError("action index %d outside [0, %d)" % (index, len(self.actions)))
        obs, reward, terminated, truncated, info = self.env.step(self.actions[index])
        lives = info.get("lives")
        # While training, a lost life ends the learning episode but the game goes on (no reset).
        life_lost = (self.training and lives is not None and self.lives is not None
                     and lives < self.lives)
        self.lives = lives
        self.over = bool(terminated or truncated)
        flags = ((FLAG_TERMINAL if terminated or life_lost else 0)
                 | (FLAG_GAME_OVER if self.over else 0)
                 | (FLAG_TRUNCATED if truncated and not terminated else 0))
        return self.frame(obs, float(reward), flags)

    def frame(self, obs, reward, flags):
        parts = [b"F", None, self.prep(obs)]
        if self.record:
            rgb = obs if self.obs_is_rgb else self.render()
            if rgb is not None:
                rgb = self.np.ascontiguousarray(rgb, dtype=self.np.uint8)
                flags |= FLAG_HAS_FRAME
                parts.append(struct.pack("<HH", rgb.shape[0], rgb.shape[1]))
                parts.append(rgb.tobytes())
        parts[1] = struct.pack("<dB", reward, flags)
        return parts

    def render(self):
        """The frame people see, or None (with one warning) when rendering fails."""
        try:
            return self.env.render()
        except Exception as e:
            if not self.render_failed:
                self.render_failed = True
                sys.stderr.write("env_server: cannot render frames (%s: %s); recording without "
                                 "them\n" % (type(e).__name__, e))
            return None

    def bench(self, seconds, preprocess):
        """Random actions with no bridge at all: the emulator's own speed (optionally + prep)."""
        rng = self.np.random.default_rng(12345)
        raw = self.np.array(self.actions)[rng.integers(0, len(self.actions), 4096)].tolist()
        env, prep = self.env, self.prep
        obs, _ = env.reset()
        steps = 0
        start = time.perf_counter()
        deadline = start + seconds
        while time.perf_counter() < deadline:
            for i in range(256):
                obs, _, terminated, truncated, _ = env.step(raw[(steps + i) & 4095])
                if preprocess:
                    prep(obs)
                if terminated or truncated:
                    env.reset()
            steps += 256
        elapsed = time.perf_counter() - start
        self.over = True  # the client resets before stepping again
        return {"steps": steps, "seconds": elapsed}

    def close(self):
        self.env.close()


def serve(channel, numpy, gymnasium):
    session = None
    try:
        while True:
            request = channel.read()
            if request is None:
                return 0
            kind = request[:1]
            try:
                if kind == b"S":
                    (index,) = struct.unpack_from("<i", request, 1)
                    channel.send(*session.step(index))
                elif kind == b"R":
                    has_seed, seed = struct.unpack_from("<BQ", request, 1)
                    channel.send(*session.reset(seed if has_seed else None))
                elif kind == b"O":
                    if session is not None:
                        raise RuntimeError("an environment is already open")
                    session = Session(numpy, gymnasium, json.loads(request[1:].decode("utf-8")))
                    channel.send_json(b"P", session.spec)
                elif kind == b"L":
                    channel.send_json(b"J", working_ids(numpy, gymnasium))
                elif kind == b"B":
                    seconds, preprocess = struct.unpack_from("<dB", request, 1)
                    channel.send_json(b"J", session.bench(seconds, bool(preprocess)))
                else:
                    raise ProtocolError("unknown request type %r" % kind)
            except ProtocolError:
                raise
            except InvalidInput as e:
                channel.send_error(e.kind, str(e))
            except Exception as e:
                if session is None and kind in (b"S", b"R", b"B"):
                    e = RuntimeError("no environment is open")
                channel.send_error("error", "%s: %s" % (type(e).__name__, e),
                                   traceback.format_exc())
    finally:
        if session is not None:
            session.close()


def main():
    channel = Channel()
    # Ctrl-C in a terminal reaches the whole process group; the JVM stops gracefully and closes
    # our stdin, so the child must not die first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    modules, versions, missing = load_libraries()
    channel.send(b"H", MAGIC, struct.pack("<I", PROTOCOL_VERSION),
                 json.dumps({"versions": versions, "missing": missing,
                             "executable": sys.executable}).encode("utf-8"))
    if missing is not None:
        return 3
    try:
        return serve(channel, *modules)
    except ProtocolError as e:
        channel.send_error("protocol", str(e))
        return 2


if __name__ == "__main__":
    sys.exit(main())
