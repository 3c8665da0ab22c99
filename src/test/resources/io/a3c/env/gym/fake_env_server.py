"""A stand-in for env_server.py that needs only the standard library, for protocol tests.

Usage: fake_env_server.py MODE [N]. It speaks the real protocol (see env_server.py) with a tiny
game: observation [4] = (steps, action, 0.5, reward), actions LEFT/RIGHT, reward 1 per step,
game over after 5 steps. MODE decides how it misbehaves:

  normal     behaves
  error      the N-th step (default 1) raises: an error frame with the Python exception text
  garbage    the N-th step prints a line onto the protocol channel before replying
  oversize   the N-th step replies with a frame length of 2 GB
  hang       the N-th step never replies
  crash      the N-th step exits the process with code 7
  missing    the hello says Gymnasium is missing
  badmagic   the hello has the wrong magic
  slowstart  sleeps before the hello
  exitfirst  exits with code 5 before the hello

Ids: 'Fake-v0' works; 'BadActions-v0' is rejected as invalid input; anything else is unknown.
"""

import json
import os
import struct
import sys
import time

MAGIC = b"A3CGYM\r\n"


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "normal"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    inp = os.fdopen(os.dup(0), "rb")
    out_fd = os.dup(1)
    raw_stdout_fd = 1  # deliberately kept: 'garbage' writes here as a careless library would

    def send(*parts):
        data = b"".join(parts)
        os.write(out_fd, struct.pack("<I", len(data)) + data)

    def send_json(kind, obj):
        send(kind, json.dumps(obj).encode())

    def error(kind, message):
        send_json(b"E", {"kind": kind, "message": message,
                         "traceback": "Traceback (most recent call last):\n  fake\n" + message})

    if mode == "exitfirst":
        sys.stderr.write("fake server: exiting before hello\n")
        return 5
    if mode == "slowstart":
        time.sleep(60)
    magic = b"NOTMAGIC" if mode == "badmagic" else MAGIC
    missing = "ModuleNotFoundError: No module named 'gymnasium'" if mode == "missing" else None
    send(b"H", magic, struct.pack("<I", 1), json.dumps(
        {"versions": {"python": "3", "gymnasium": "fake"}, "missing": missing}).encode())
    if missing:
        return 3

    steps = 0
    total_steps = 0
    over = True
    while True:
        head = inp.read(4)
        if len(head) < 4:
            return 0  # end-of-file: the client is gone
        (length,) = struct.unpack("<I", head)
        req = inp.read(length)
        kind = req[:1]
        if kind == b"O":
            spec = json.loads(req[1:])
            if spec["id"] == "BadActions-v0":
                error("invalid_input", "action 9 is not in the action space of 'BadActions-v0'; "
                                       "valid actions: 0 LEFT, 1 RIGHT")
            elif spec["id"] != "Fake-v0":
                error("unknown_id", "unknown environment '%s'" % spec["id"])
            else:
                send_json(b"P", {"id": "Fake-v0", "observation_shape": [4],
                                 "meanings": ["LEFT", "RIGHT"], "actions": [0, 1]})
        elif kind == b"L":
            send_json(b"J", ["Fake-v0", "FakeGame-v1", "Other-v0"])
        elif kind == b"R":
            has_seed, seed = struct.unpack_from("<BQ", req, 1)
            steps = 0
            over = False
            obs = struct.pack("<4f", 0, -1, 0.5, seed % 1000 if has_seed else -1)
            send(b"F", struct.pack("<dB", 0.0, 0), obs)
        elif kind == b"S":
            (action,) = struct.unpack_from("<i", req, 1)
            steps += 1
            total_steps += 1
            if total_steps == n and mode != "normal":
                if mode == "error":
                    error("error", "ValueError: boom in step %d" % steps)
                    continue
                if mode == "garbage":
                    os.write(raw_stdout_fd, b"Warning: some library says hello\n")
                elif mode == "oversize":
                    os.write(out_fd, struct.pack("<I", 0x7FFFFFFF))
                    time.sleep(60)
                elif mode == "hang":
                    time.sleep(3600)
                elif mode == "crash":
                    sys.stderr.write("fake server: crashing on purpose\n")
                    sys.stderr.flush()
                    os._exit(7)
            over = steps >= 5
            flags = (1 | 2) if over else 0
            obs = struct.pack("<4f", steps, action, 0.5, 1.0)
            send(b"F", struct.pack("<dB", 1.0, flags), obs)
        else:
            error("protocol", "unknown request %r" % kind)


if __name__ == "__main__":
    sys.exit(main())
