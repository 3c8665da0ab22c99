#!/usr/bin/env python3
"""Plays an exported a3c policy in Python Gymnasium and prints the mean score.

    .venv/bin/python python-export/play.py SAVED_MODEL_DIR [--episodes 10] [--greedy] [--json]

Reads the environment id, observation shape, preprocessing and action meanings from the export's
assets.extra/policy.json, plays whole games (losing a life does not end an episode) with the
preprocessing the policy was trained with, carries the LSTM state from step to step, and prints
each game's score and the mean: the figure to compare with `a3c eval --saved-model DIR`.

Frames are prepared by the very code the Java trainer's environment bridge runs (env_server.py,
imported from src/main/resources), so Python and Java feed the network the same inputs.

The *Deterministic-v4 ids are built as gym defined them: the *NoFrameskip-v4 game with frameskip 4,
no sticky actions and the minimal action set. Actions are sampled from the policy, or the most
likely one is taken with --greedy.
"""

import argparse
import json
import math
import os
import sys
import time

UNITS = 256
BRIDGE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "src", "main",
                          "resources", "io", "a3c", "env", "gym")


def load_bridge():
    """The environment bridge's own module: its make_env and Preprocessor."""
    sys.path.insert(0, os.path.normpath(BRIDGE_DIR))
    try:
        import env_server
    except ImportError as e:
        raise SystemExit("error: cannot import env_server.py from %s (%s); run play.py from a3c's "
                         "repository" % (os.path.normpath(BRIDGE_DIR), e))
    return env_server


def game_meanings(env):
    """The game's name for each action of the environment's action space."""
    space = env.action_space
    start, n = int(getattr(space, "start", 0)), int(space.n)
    getter = getattr(env.unwrapped, "get_action_meanings", None)
    if getter is not None:
        try:
            meanings = list(getter())
            if len(meanings) == n:
                return start, meanings
        except Exception:
            pass
    return start, [str(a) for a in range(start, start + n)]


def raw_actions(policy, env):
    """Raw game action of each action index of the policy."""
    start, meanings = game_meanings(env)
    wanted = policy["actions"]
    if policy.get("action_space"):
        raw = [int(a) for a in policy["action_space"]]
    elif all(m in meanings for m in wanted):
        raw = [start + meanings.index(m) for m in wanted]
    else:
        raw = list(range(start, start + len(wanted)))
    if len(raw) != len(wanted):
        raise SystemExit("error: the policy has %d actions, the action space maps %d"
                         % (len(wanted), len(raw)))
    for index, (a, name) in enumerate(zip(raw, wanted)):
        have = meanings[a - start] if 0 <= a - start < len(meanings) else "?"
        if have != name:
            print("warning: action %d is %s for the policy but %s in the game"
                  % (index, name, have), file=sys.stderr)
    return raw


def preprocessor(bridge, np, env, game, policy):
    """Observation -> float32 array of the policy's observation shape, as in training."""
    shape = tuple(policy["observation_shape"])
    kind = policy.get("preprocessing")
    if kind not in bridge.PREPROCESSINGS:
        kind = bridge.REFERENCE  # exports older than the choice describe it in words
    prep = bridge.Preprocessor(np, env.observation_space, shape[0] if len(shape) == 3 else 1,
                               kind, crop=game is not None)
    return lambda obs: np.frombuffer(prep(obs), "<f4").reshape(shape)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("saved_model", help="SavedModel directory written by a3c export")
    parser.add_argument("--episodes", type=int, default=10, help="games (default: %(default)s)")
    parser.add_argument("--greedy", action="store_true", help="take the most likely action")
    parser.add_argument("--seed", type=int, default=0, help="seed of games and sampling")
    parser.add_argument("--env", help="environment id (default: the one the policy was "
                        "trained on)")
    parser.add_argument("--max-steps", type=int, default=100_000,
                        help="steps after which a game is cut off (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print one JSON object at the end")
    args = parser.parse_args(argv)
    if args.episodes < 1:
        parser.error("--episodes must be at least 1")

    info_file = os.path.join(args.saved_model, "assets.extra", "policy.json")
    if not os.path.isfile(info_file):
        print("error: %s not found (export with: a3c export --run DIR)" % info_file,
              file=sys.stderr)
        return 2
    with open(info_file, encoding="utf-8") as f:
        policy = json.load(f)
    env_id = args.env or policy["env"]

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import numpy as np
    import gymnasium
    try:
        import ale_py
        gymnasium.register_envs(ale_py)
    except ImportError:
        pass
    bridge = load_bridge()
    try:
        env, game = bridge.make_env(gymnasium, env_id, False)
    except Exception as e:  # unknown id, missing ROM, built-in Java game
        print("error: cannot make Gymnasium environment %s (%s); built-in games such as catch "
              "are played with a3c eval" % (env_id, e), file=sys.stderr)
        return 2
    try:
        prep = preprocessor(bridge, np, env, game, policy)
    except bridge.InvalidInput as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
    import tensorflow as tf

    serve = tf.saved_model.load(args.saved_model).signatures["serving_default"]
    actions = raw_actions(policy, env)
    rng = np.random.default_rng(args.seed)
    scores = []
    lengths = []
    for episode in range(args.episodes):
        obs, _ = env.reset(seed=args.seed + episode)
        c = np.zeros((1, UNITS), np.float32)
        h = np.zeros((1, UNITS), np.float32)
        score, steps, start = 0.0, 0, time.time()
        while steps < args.max_steps:
            out = serve(x=tf.constant(prep(obs)[None]), c=tf.constant(c), h=tf.constant(h))
            c, h = out["c_out"].numpy(), out["h_out"].numpy()
            p = out["probabilities"].numpy()[0].astype(np.float64)
            index = int(np.argmax(p)) if args.greedy else int(rng.choice(len(p), p=p / p.sum()))
            obs, reward, terminated, truncated, _ = env.step(actions[index])
            score += float(reward)
            steps += 1
            if terminated or truncated:
                break
        scores.append(score)
        lengths.append(steps)
        if not args.json:
            print("episode %d: score %g (%d steps, %.1f s)"
                  % (episode + 1, score, steps, time.time() - start))
    env.close()
    mean = sum(scores) / len(scores)
    std = math.sqrt(sum((s - mean) ** 2 for s in scores) / len(scores))
    if args.json:
        print(json.dumps({"env": env_id, "episodes": len(scores), "mean": mean, "std": std,
                          "min": min(scores), "max": max(scores), "scores": scores,
                          "lengths": lengths, "seed": args.seed, "greedy": args.greedy}))
    else:
        print("mean score over %d episodes of %s (environment seed %d): %.2f (std %.2f, min %g, "
              "max %g)" % (len(scores), env_id, args.seed, mean, std, min(scores), max(scores)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
