"""Reads a run directory's event files with TensorBoard's own event reader and checks them.

    python check_events.py LOGDIR TAG [TAG ...]

Prints one JSON object: for every scalar tag its number of points and whether all are finite,
plus the histogram tags, the text tags and whether a graph is present. Exit code 1 if a TAG is
missing or has a non-finite value, or if the graph or the hyper-parameter text is missing.
"""

import json
import math
import sys

from tensorboard.backend.event_processing import event_accumulator as ea


def main():
    logdir, tags = sys.argv[1], sys.argv[2:]
    acc = ea.EventAccumulator(logdir, size_guidance={
        ea.SCALARS: 0, ea.HISTOGRAMS: 0, ea.TENSORS: 0, ea.GRAPH: 1})
    acc.Reload()
    found = acc.Tags()
    report = {"scalars": {}, "histograms": sorted(found.get("histograms", [])),
              "tensors": sorted(found.get("tensors", [])), "graph": bool(found.get("graph"))}
    ok = True
    for tag in tags:
        if tag not in found.get("scalars", []):
            report["scalars"][tag] = None
            ok = False
            continue
        values = [e.value for e in acc.Scalars(tag)]
        finite = all(math.isfinite(v) for v in values)
        report["scalars"][tag] = {"points": len(values), "finite": finite,
                                  "last": values[-1] if values else None}
        ok = ok and finite and len(values) > 0
    text = ""
    if "config/hyper_parameters" in found.get("tensors", []):
        event = acc.Tensors("config/hyper_parameters")[0]
        text = event.tensor_proto.string_val[0].decode("utf-8")
        plugin = acc.SummaryMetadata("config/hyper_parameters").plugin_data.plugin_name
        report["text_plugin"] = plugin
        ok = ok and plugin == "text"
    report["text_has_learning_rate"] = "--learning-rate" in text
    graph = acc.Graph() if report["graph"] else None
    report["graph_nodes"] = len(graph.node) if graph is not None else 0
    ok = ok and report["graph"] and report["text_has_learning_rate"] and report["histograms"]
    print(json.dumps(report))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
