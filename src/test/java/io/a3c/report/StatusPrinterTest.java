package io.a3c.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.a3c.report.StatusLine.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatusPrinterTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong nanos = new AtomicLong();

  private static Status at(long step) {
    return new Status(step, 0, 100, 0, Double.NaN, 0, 0);
  }

  private static String line(long step) {
    return StatusLine.format(at(step));
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  private void advanceMillis(long ms) {
    nanos.addAndGet(Duration.ofMillis(ms).toNanos());
  }

  @Test
  void elsewherePrintsAtMostOneLinePerInterval() {
    StatusPrinter printer = new StatusPrinter(out, false, Duration.ofSeconds(10), nanos::get);
    printer.update(at(1)); // t = 0: the first report shows at once
    advanceMillis(5_000);
    printer.update(at(2));
    advanceMillis(4_999);
    printer.update(at(3));
    advanceMillis(1);
    printer.update(at(4)); // t = 10 s
    advanceMillis(3_000);
    printer.update(at(5));
    printer.finish(at(6)); // always shown
    assertEquals(line(1) + "\n" + line(4) + "\n" + line(6) + "\n", printed());
  }

  @Test
  void onATerminalRewritesOneLineAFewTimesASecond() {
    StatusPrinter printer = new StatusPrinter(out, true, Duration.ofSeconds(10), nanos::get);
    printer.update(new Status(1_000_000, 0, 100, 0, Double.NaN, 0, 0));
    advanceMillis(100);
    printer.update(at(2)); // too soon after the last
    advanceMillis(150);
    printer.update(at(3)); // 250 ms later: shown, padded over the longer previous line
    printer.finish(at(4));
    String first = StatusLine.format(new Status(1_000_000, 0, 100, 0, Double.NaN, 0, 0));
    String pad = " ".repeat(first.length() - line(3).length());
    assertEquals("\r" + first + "\r" + line(3) + pad + "\r" + line(4) + "\n", printed());
  }
}
