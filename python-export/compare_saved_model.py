#!/usr/bin/env python3
"""Checks that Python TensorFlow reproduces Java's outputs for an exported a3c policy.

    .venv/bin/python python-export/compare_saved_model.py SAVED_MODEL_DIR [--tolerance 1e-5]

`a3c export` (and the end of `a3c train`) writes, next to the SavedModel, the file
assets.extra/comparison.npz: a few recorded inputs (x_k, c_k, h_k) and the outputs Java computed
for them (logits_k, value_k, probabilities_k, c_out_k, h_out_k). This script loads the SavedModel
with tf.saved_model.load, calls signatures['serving_default'] on every recorded input, and prints
the largest absolute difference per output. Exit code 0 when every difference is at most the
tolerance, 1 when one is larger, 2 for bad usage or missing files.
"""

import argparse
import os
import sys

OUTPUTS = ("logits", "value", "probabilities", "c_out", "h_out")
INPUTS = ("x", "c", "h")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("saved_model", help="SavedModel directory written by a3c export")
    parser.add_argument("--comparison", help="recorded inputs and Java outputs "
                        "(default: SAVED_MODEL/assets.extra/comparison.npz)")
    parser.add_argument("--tolerance", type=float, default=1e-5,
                        help="largest accepted absolute difference (default: %(default)s)")
    args = parser.parse_args(argv)

    comparison = args.comparison or os.path.join(args.saved_model, "assets.extra",
                                                 "comparison.npz")
    if not os.path.isfile(os.path.join(args.saved_model, "saved_model.pb")):
        print("error: %s is not a SavedModel directory (no saved_model.pb)" % args.saved_model,
              file=sys.stderr)
        return 2
    if not os.path.isfile(comparison):
        print("error: no recorded inputs at %s (export with: a3c export --run DIR)" % comparison,
              file=sys.stderr)
        return 2

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import numpy as np
    import tensorflow as tf

    recorded = np.load(comparison)
    cases = sorted(int(k[len("x_"):]) for k in recorded.files if k.startswith("x_"))
    if not cases:
        print("error: %s holds no recorded inputs" % comparison, file=sys.stderr)
        return 2

    model = tf.saved_model.load(args.saved_model)
    serve = model.signatures["serving_default"]
    worst = {name: 0.0 for name in OUTPUTS}
    for k in cases:
        inputs = {name: tf.constant(recorded["%s_%d" % (name, k)]) for name in INPUTS}
        outputs = serve(**inputs)
        for name in OUTPUTS:
            java = recorded["%s_%d" % (name, k)]
            python = outputs[name].numpy()
            if python.shape != java.shape:
                print("case %d: %s has shape %s in Python, %s in Java"
                      % (k, name, python.shape, java.shape))
                worst[name] = float("inf")
                continue
            diff = float(np.max(np.abs(python.astype(np.float64) - java.astype(np.float64))))
            worst[name] = max(worst[name], diff)
        rows = recorded["x_%d" % k].shape[0]
        print("case %d: %d row(s) of %s" % (k, rows, "x".join(
            str(d) for d in recorded["x_%d" % k].shape[1:])))

    for name in OUTPUTS:
        print("%-14s max |python - java| = %.3g" % (name, worst[name]))
    overall = max(worst.values())
    ok = overall <= args.tolerance
    print("max difference: %.3g (tolerance %g, TensorFlow %s): %s"
          % (overall, args.tolerance, tf.__version__, "OK" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
