package io.a3c.cli;

import io.a3c.export.PolicyExport;
import io.a3c.run.RunDirectory;
import io.a3c.run.RunExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code a3c export}: a run's policy as a SavedModel, with inputs and outputs to compare. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export the policy of a run's latest checkpoint as a SavedModel (signature "
        + "serving_default), with recorded inputs and Java's outputs in assets.extra/ for "
        + "python-export/compare_saved_model.py.")
public final class ExportCommand implements Callable<Integer> {
  @Option(names = "--run", paramLabel = "DIR", required = true, description = "Run directory.")
  Path run;

  @Option(names = "--out", paramLabel = "DIR",
      description = "SavedModel directory (replaced). Default: <run>/saved_model.")
  Path out;

  @Mixin
  PythonOption python;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PolicyExport.Exported e = RunExport.export(RunDirectory.existing(run), out, python.path);
    PrintWriter w = spec.commandLine().getOut();
    w.printf("exported the policy of global step %,d to %s (%,d KB)%n", e.globalStep(),
        e.directory(), e.bytes() / 1024);
    w.printf("recorded %d input cases (%s observations); Java reload max difference %.3g%n",
        e.cases(), e.inputs(), e.javaReloadMaxDifference());
    w.printf("compare in Python: .venv/bin/python python-export/compare_saved_model.py %s%n",
        e.directory());
    return Main.OK;
  }
}
