package io.a3c.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.a3c.TestPython;
import io.a3c.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short real training run on catch, read back with TensorBoard's Python event reader, then
 * served by a real TensorBoard on 127.0.0.1 whose HTTP API must list the tags and the graph.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TensorBoardIT {
  @TempDir
  static Path tmp;
  private Path run;

  @BeforeAll
  @Timeout(240)
  void train() {
    run = tmp.resolve("run");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
        "train", "--env", "catch", "--workers", "2", "--max-steps", "4000",
        "--summary-interval", "2", "--seed", "8", "--run-dir", run.toString());
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  @Timeout(120)
  void everySpecTagReadsBackFiniteWithTensorBoardsEventReader() throws Exception {
    List<String> args = new ArrayList<>();
    args.add(script("check_events.py"));
    args.add(run.toString());
    args.addAll(Tags.SCALARS);
    TestPython.Output result = TestPython.run(Duration.ofSeconds(100), args.toArray(String[]::new));
    String json = result.text().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
        .orElse("");
    System.out.println("event reader: " + json);
    assertEquals(0, result.code(), result.text());
    JsonObject report = JsonParser.parseString(json).getAsJsonObject();
    for (String tag : Tags.SCALARS) {
      JsonObject s = report.getAsJsonObject("scalars").getAsJsonObject(tag);
      assertTrue(s.get("finite").getAsBoolean() && s.get("points").getAsInt() > 0, tag);
    }
    assertTrue(report.get("graph_nodes").getAsInt() > 1000, "the training graph");
    assertTrue(report.getAsJsonArray("histograms").toString().contains("global/lstm/weights"));
  }

  @Test
  @Timeout(180)
  void realTensorBoardServesTheTagsAndTheGraph() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = tmp.resolve("tensorboard.log");
    try (TensorBoardProcess tb = TensorBoardProcess.start(TestPython.python(), run, port, log)) {
      tb.awaitServing(Duration.ofSeconds(120));
      assertTrue(tb.url().startsWith("http://127.0.0.1:"));
      String scalars = awaitContaining(tb, "data/plugin/scalars/tags", Tags.STEPS_PER_SECOND);
      for (String tag : Tags.SCALARS) {
        assertTrue(scalars.contains("\"" + tag + "\""), tag + " in " + scalars);
      }
      String graphs = awaitContaining(tb, "data/plugin/graphs/info", "run_graph");
      assertTrue(graphs.contains("\"run_graph\": true") || graphs.contains("\"run_graph\":true"),
          graphs);
      String text = awaitContaining(tb, "data/plugin/text/tags", Tags.HYPER_PARAMETERS);
      assertTrue(text.contains(Tags.HYPER_PARAMETERS), text);
      System.out.println("TensorBoard " + tb.url() + " scalars: " + scalars);
    }
  }

  @Test
  @Timeout(180)
  void tensorboardCommandPrintsTheAddressItServesOn() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    java.io.PipedInputStream pipe = new java.io.PipedInputStream();
    PrintStream out = new PrintStream(new java.io.PipedOutputStream(pipe), true,
        StandardCharsets.UTF_8);
    int[] code = {-1};
    Thread command = new Thread(() -> code[0] = Main.run(out, System.err, "tensorboard",
        "--run", run.toString(), "--port", Integer.toString(port)));
    command.start();
    java.io.BufferedReader lines = new java.io.BufferedReader(
        new java.io.InputStreamReader(pipe, StandardCharsets.UTF_8));
    String line = lines.readLine();
    try {
      assertTrue(line != null && line.startsWith("TensorBoard for " + run + " at http://127.0.0.1:"
          + port + "/"), line);
      java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(
          "http://127.0.0.1:" + port + "/data/runs").toURL().openConnection();
      assertEquals(200, c.getResponseCode());
    } finally {
      // Stop the TensorBoard this test started (a child of this JVM, on this test's port).
      ProcessHandle.current().descendants()
          .filter(p -> p.info().commandLine().orElse("").contains("tensorboard.main")
              && p.info().commandLine().orElse("").contains(Integer.toString(port)))
          .forEach(ProcessHandle::destroy);
      command.join(30_000);
    }
    assertTrue(code[0] == Main.OK || code[0] == Main.FAILURE, "the command returned");
  }

  /** TensorBoard loads event files in the background: poll until the answer has the text. */
  private static String awaitContaining(TensorBoardProcess tb, String path, String text) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    String body = null;
    while (System.nanoTime() < deadline) {
      body = tb.get(path);
      if (body != null && body.contains(text)) {
        return body;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError(path + " never contained " + text + ": " + body);
  }

  static String script(String name) throws URISyntaxException {
    return Paths.get(TensorBoardIT.class.getResource(name).toURI()).toString();
  }
}
