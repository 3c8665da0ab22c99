package io.a3c.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time used so far by this JVM and by its child processes (the environment servers), read
 * from Linux's {@code /proc}. Elsewhere the figures are NaN, and benchmarks print them as such.
 */
public final class CpuClock {
  /** Clock ticks per second of {@code /proc/PID/stat}: 100 on every Linux this runs on. */
  static final double TICKS_PER_SECOND = 100;

  /** CPU seconds at one moment: this JVM's, and the sum over its living descendants. */
  public record Reading(double jvmSeconds, double childSeconds) {
    /** CPU used between {@code earlier} and this reading. */
    public Reading minus(Reading earlier) {
      return new Reading(jvmSeconds - earlier.jvmSeconds, childSeconds - earlier.childSeconds);
    }
  }

  private CpuClock() {}

  public static Reading now() {
    double jvm = cpuSeconds(ProcessHandle.current().pid());
    double children = ProcessHandle.current().descendants()
        .mapToDouble(p -> cpuSeconds(p.pid()))
        .filter(Double::isFinite)
        .sum();
    return new Reading(jvm, Double.isFinite(jvm) ? children : Double.NaN);
  }

  /** User plus system CPU seconds of process {@code pid}, NaN when it cannot be read. */
  static double cpuSeconds(long pid) {
    try {
      return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * utime + stime from one {@code /proc/PID/stat} line, in seconds. The command name in
   * parentheses may itself contain spaces and parentheses, so fields count from the last ')'.
   */
  static double parseStat(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc stat line");
    }
    List<String> fields = List.of(stat.substring(close + 2).trim().split(" +"));
    // After the name: state (field 3) ... utime is field 14, stime field 15 (1-based).
    long utime = Long.parseLong(fields.get(14 - 3));
    long stime = Long.parseLong(fields.get(15 - 3));
    return (utime + stime) / TICKS_PER_SECOND;
  }
}
