package io.a3c.env.gym;

import com.google.gson.JsonObject;
import io.a3c.env.EnvOptions;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How fast environments run with and without the Java-Python bridge, with random actions.
 *
 * <ul>
 *   <li>raw: each child steps its emulator in a Python loop, no bridge; N children at once;
 *   <li>raw + preprocessing: the same with the frame preprocessing the bridge does per step;
 *   <li>bridged: N Java threads, each stepping its own child through the protocol.
 * </ul>
 * All figures are environment steps per second summed over the N environments.
 */
public final class EmulatorBench {
  /** Seconds of stepping before bridged figures are measured (child start-up, JIT). */
  public static final double WARMUP_SECONDS = 1;

  /** One line of figures for {@code envs} environments at once. */
  public record Figures(String env, int envs, double raw, double rawWithPreprocessing,
      double bridged) {
    /** Share of the preprocessing emulator's speed that survives the bridge. */
    public double bridgeEfficiency() {
      return bridged / rawWithPreprocessing;
    }
  }

  private EmulatorBench() {}

  /** All three figures for {@code envs} environments, each measured for {@code seconds}. */
  public static Figures measure(GymEnvironmentFactory factory, int envs, double seconds) {
    return new Figures(factory.spec().id(), envs, rawStepsPerSecond(factory, envs, seconds, false),
        rawStepsPerSecond(factory, envs, seconds, true),
        bridgedStepsPerSecond(factory, envs, seconds));
  }

  /**
   * Emulator speed inside Python with no bridge: {@code processes} children, each running a
   * random-action loop for {@code seconds} at the same time; the sum of their rates.
   */
  public static double rawStepsPerSecond(GymEnvironmentFactory factory, int processes,
      double seconds, boolean preprocess) {
    List<GymEnvironment> envs = new ArrayList<>();
    try {
      for (int i = 0; i < processes; i++) {
        GymEnvironment env = factory.create(i, i);
        envs.add(env);
      }
      envs.forEach(GymEnvironment::reset);  // started and greeted before the clock runs
      double[] rates = new double[processes];
      runThreads(processes, i -> {
        JsonObject result = envs.get(i).benchRaw(seconds, preprocess);
        rates[i] = result.get("steps").getAsDouble() / result.get("seconds").getAsDouble();
      });
      double sum = 0;
      for (double r : rates) {
        sum += r;
      }
      return sum;
    } finally {
      envs.forEach(Environment::close);
    }
  }

  /**
   * Speed through the bridge: {@code threads} Java threads, each with its own environment (its
   * own child), random actions, measured for {@code seconds} after a warm-up.
   */
  public static double bridgedStepsPerSecond(EnvironmentFactory factory, int threads,
      double seconds) {
    AtomicLongArray counts = new AtomicLongArray(threads);
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch started = new CountDownLatch(threads);
    double[] result = new double[1];
    Thread timer = new Thread(() -> {
      try {
        started.await();
        Thread.sleep((long) (WARMUP_SECONDS * 1000));
        long c0 = sum(counts);
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long c1 = sum(counts);
        long t1 = System.nanoTime();
        result[0] = (c1 - c0) / ((t1 - t0) / 1e9);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.set(false);
      }
    }, "bench-timer");
    timer.setDaemon(true);
    timer.start();
    try {
      runThreads(threads, i -> {
        boolean counted = false;
        try (Environment env = factory.create(i, i)) {
          Random random = new Random(i);
          int actions = env.spec().numActions();
          env.reset();
          started.countDown();
          counted = true;
          long n = 0;
          while (running.get()) {
            if (env.step(random.nextInt(actions)).gameOver()) {
              env.reset();
            }
            counts.set(i, ++n);
          }
        } finally {
          if (!counted) {
            started.countDown();  // a failed thread must not keep the timer waiting
          }
        }
      });
      timer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      running.set(false);
    }
    return result[0];
  }

  private interface Body {
    void run(int index) throws Exception;
  }

  /** Runs {@code n} daemon threads to completion; the first failure is rethrown. */
  private static void runThreads(int n, Body body) {
    List<Thread> threads = new ArrayList<>();
    Throwable[] failure = new Throwable[1];
    for (int i = 0; i < n; i++) {
      int index = i;
      Thread t = new Thread(() -> {
        try {
          body.run(index);
        } catch (Throwable e) {
          synchronized (failure) {
            if (failure[0] == null) {
              failure[0] = e;
            }
          }
        }
      }, "bench-env-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (failure[0] != null) {
      throw new IllegalStateException("benchmark failed: " + failure[0].getMessage(), failure[0]);
    }
  }

  private static long sum(AtomicLongArray counts) {
    long s = 0;
    for (int i = 0; i < counts.length(); i++) {
      s += counts.get(i);
    }
    return s;
  }

  /**
   * Prints the figures: {@code EmulatorBench [ID [SECONDS [ENVS...]]]}, by default
   * PongDeterministic-v4, 5 s, with 1 and 2 environments.
   */
  public static void main(String[] args) {
    String id = args.length > 0 ? args[0] : "PongDeterministic-v4";
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    List<Integer> counts = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      counts.add(Integer.parseInt(args[i]));
    }
    if (counts.isEmpty()) {
      counts = List.of(1, 2);
    }
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open(id, EnvOptions.defaults())) {
      System.out.printf(Locale.ROOT, "%s, %.0f s per figure, %d cores; steps/s summed over "
          + "the environments%n", id, seconds, Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "%5s %12s %16s %12s %10s%n", "envs", "raw", "raw+preprocess",
          "bridged", "bridged/raw+pre");
      for (int n : counts) {
        Figures f = measure(factory, n, seconds);
        System.out.printf(Locale.ROOT, "%5d %,12.0f %,16.0f %,12.0f %9.0f%%%n", n, f.raw(),
            f.rawWithPreprocessing(), f.bridged(), 100 * f.bridgeEfficiency());
      }
    }
  }
}
