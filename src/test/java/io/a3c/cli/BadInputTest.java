package io.a3c.cli;

import static io.a3c.cli.MainTest.assertBadInput;
import static io.a3c.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everywhere a user can type: each case is one command line with bad input (an option out of
 * range or of the wrong type, a config file that is malformed, of the wrong shape or has unknown
 * keys, a run or SavedModel that is missing, of another project or of another game, a path that
 * is not what it should be) and the words its one-line message must hold. {@link
 * MainTest#assertBadInput} checks exit code 2, one line, no stack trace and no class name.
 */
class BadInputTest {
  @TempDir static Path dir;

  /** A short catch run with a checkpoint: input of another game for evaluation. */
  @BeforeAll
  static void files() throws IOException {
    write("malformed.json", "{\"learning-rate\": 0.1,");
    write("missing-comma.json", "{\"env\": \"catch\" \"workers\": 1}");
    write("wrong-type.json", "{\"learning-rate\": \"fast\"}");
    write("unknown-key.json", "{\"learning_rat\": 0.1}");
    write("array.json", "[1, 2]");
    write("nested.json", "{\"workers\": {\"n\": 2}}");
    write("empty.json", "");
    Files.createDirectories(dir.resolve("a-directory"));
    write("not-a3c/saved_model.pb", "not a graph");
    write("no-checkpoints/config.json", "{\"hyper_parameters\": {}}");
    MainTest.Run catchRun = run("train", "--env", "catch", "--workers", "1", "--max-steps",
        "200", "--eval-every", "0", "--run-dir", dir.resolve("catch-run").toString());
    assertEquals(0, catchRun.code(), catchRun.err());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // Options: ranges, choices, types.
        bad("--learning-rate must be in (0, 1] (got -1.0)",
            "train", "--env", "catch", "--learning-rate", "-1"),
        bad("'abc' is not a double", "train", "--env", "catch", "--learning-rate", "abc"),
        bad("--workers must be between 1 and 256 (got 0)", "train", "--env", "catch",
            "--workers", "0"),
        bad("'x' is not an int", "bench", "--env", "catch", "--workers", "x"),
        bad("--discount", "train", "--env", "catch", "--discount", "1.5"),
        bad("--local-steps", "train", "--env", "catch", "--local-steps", "x"),
        bad("--max-minutes must be 0 (no limit) or positive (got -5.0)", "train", "--env",
            "catch", "--max-minutes", "-5"),
        bad("--frame-size must be between 9 and 512 (got 100000)", "train", "--env", "catch",
            "--frame-size", "100000"),
        bad("--action-space takes non-negative action numbers", "train", "--env", "catch",
            "--action-space", "-1"),
        bad("catch always uses its 3 actions", "train", "--env", "catch", "--action-space",
            "7"),
        bad("--network must be one of elu-same, reference (got 'resnet')", "train", "--env",
            "catch", "--network", "resnet"),
        bad("--preprocessing must be one of cropped-normalized, reference (got 'crop')",
            "train", "--env", "catch", "--preprocessing", "crop"),
        bad("--eval-every must be 0 (off) or a positive number of minutes (got -1.0)", "train",
            "--env", "catch", "--eval-every", "-1"),
        bad("--eval-episodes must be between 1 and 1000 (got 0)", "train", "--env", "catch",
            "--eval-episodes", "0"),
        bad("--target-score needs evaluation during training", "train", "--env", "catch",
            "--eval-every", "0", "--target-score", "1"),
        bad("unknown environment 'cath'", "train", "--env", "cath"),
        bad("Unknown option", "train", "--no-such-option"),
        bad("Unmatched argument", "play"),
        bad("--seconds", "bench", "--env", "catch", "--seconds", "0"),
        bad("--port must be between 1 and 65535 (got 70000)", "tensorboard", "--run",
            path("catch-run"), "--port", "70000"),
        bad("--episodes", "eval", "--run", path("catch-run"), "--episodes", "0"),
        bad("--record supports .gif files", "eval", "--run", path("catch-run"), "--record",
            "x.mp4"),
        bad("exactly one of --run DIR and --saved-model DIR", "eval"),
        // Config files.
        bad("malformed config file", "train", "--config", path("malformed.json")),
        bad("malformed config file", "train", "--config", path("missing-comma.json")),
        bad("'fast' is not a double", "train", "--config", path("wrong-type.json")),
        bad("unknown key 'learning_rat'", "train", "--config", path("unknown-key.json")),
        bad("must hold a JSON object of options", "train", "--config", path("array.json")),
        bad("'workers' must be a number, a string or a list", "train", "--config",
            path("nested.json")),
        bad("is empty", "train", "--config", path("empty.json")),
        bad("No such file or directory", "train", "--config", path("missing.json")),
        bad("Is a directory", "train", "--config", path("a-directory")),
        // Runs and SavedModels: missing, of another project, of another game.
        bad("run directory not found", "eval", "--run", path("missing")),
        bad("not a run directory (no config.json)", "export", "--run", path("a-directory")),
        bad("nothing to export", "export", "--run", path("no-checkpoints")),
        bad("run directory not found", "train", "--resume", path("missing")),
        bad("(got --learning-rate)", "train", "--resume", path("catch-run"),
            "--learning-rate", "0.1"),
        bad("SavedModel directory not found", "eval", "--saved-model", path("missing")),
        bad("not an a3c SavedModel", "eval", "--saved-model", path("not-a3c")),
        bad("was saved for catch", "eval", "--run", path("catch-run"), "--env", "catch-vector",
            "--episodes", "1"),
        bad("run directory not found", "tensorboard", "--run", path("missing")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isOneLineAndExitCode2(String name, List<String> args, String expected) {
    assertBadInput(run(args.toArray(String[]::new)), expected);
  }

  private static Arguments bad(String expected, String... args) {
    return Arguments.of(String.join(" ", args).replace(dir.toString(), "DIR"), List.of(args),
        expected);
  }

  private static String path(String name) {
    return dir.resolve(name).toString();
  }

  private static void write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
