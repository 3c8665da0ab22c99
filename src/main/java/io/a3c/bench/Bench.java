package io.a3c.bench;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvSpec;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentFactory;
import io.a3c.graph.A3CGraph;
import io.a3c.graph.Architecture;
import io.a3c.graph.WorkerNetwork;
import io.a3c.summary.SummarySink;
import io.a3c.train.EpisodeLog;
import io.a3c.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Throughput figures, each measured with {@code hp.workers()} threads after a warm-up: the
 * network alone (acting and training on random data), the environments alone (random actions),
 * and the whole trainer. All in environment steps per second.
 */
public final class Bench {
  /** Seconds of warm-up before measuring: the first TensorFlow runs are slow. */
  public static final double WARMUP_SECONDS = 3;

  private Bench() {}

  /** Network work only: per rollout T batched acts, one bootstrap act and one train step. */
  public static double networkStepsPerSecond(EnvSpec spec, HyperParameters hp, double seconds) {
    try (A3CGraph graph = A3CGraph.build(spec, hp)) {
      graph.initialize();
      int k = hp.envsPerWorker();
      int t = hp.localSteps();
      int obs = spec.observationSize();
      int units = Architecture.LSTM_UNITS;
      return measure(hp.workers(), seconds, (w, counter, running) -> {
        WorkerNetwork net = graph.worker(w);
        Random rnd = new Random(w);
        float[] x = randomArray(rnd, k * obs);
        float[] c = new float[k * units];
        float[] h = new float[k * units];
        WorkerNetwork.Batch batch = new WorkerNetwork.Batch(randomArray(rnd, k * t * obs),
            c, h, filled(k * t, 1f), new float[k * t], new int[k * t], randomArray(rnd, k * t),
            randomArray(rnd, k * t));
        while (running.get()) {
          net.sync();
          for (int s = 0; s < t; s++) {
            WorkerNetwork.Act a = net.act(x, c, h, false);
            c = a.c();
            h = a.h();
          }
          net.act(x, c, h, false);
          net.train(batch, false);
          counter.addAndGet((long) k * t);
        }
      });
    }
  }

  /** Environments alone, one per thread, random actions. */
  public static double envStepsPerSecond(EnvironmentFactory factory, int workers,
      double seconds) {
    return measure(workers, seconds, (w, counter, running) -> {
      try (Environment env = factory.create(w, w)) {
        Random rnd = new Random(w);
        int actions = env.spec().numActions();
        env.reset();
        while (running.get()) {
          if (env.step(rnd.nextInt(actions)).gameOver()) {
            env.reset();
          }
          counter.incrementAndGet();
        }
      }
    });
  }

  /** The whole trainer (environments, acting, training) on {@code factory}. */
  public static double trainerStepsPerSecond(EnvironmentFactory factory, HyperParameters hp,
      double seconds) {
    try (A3CGraph graph = A3CGraph.build(factory.spec(), hp)) {
      graph.initialize();
      Trainer trainer = new Trainer(hp.withLimits(Long.MAX_VALUE / 2, 0), graph, factory,
          SummarySink.NONE, new EpisodeLog(), Trainer.quiet(), 1);
      Thread thread = new Thread(trainer::run, "bench-trainer");
      thread.setDaemon(true);
      thread.start();
      double rate = rateAfterWarmup(graph::globalStep, seconds);
      trainer.requestStop();
      join(thread);
      return rate;
    }
  }

  /** A measured loop body: add steps to {@code counter} while {@code running}. */
  private interface Loop {
    void run(int worker, AtomicLong counter, AtomicBoolean running)
        throws Exception;
  }

  private static double measure(int threads, double seconds, Loop loop) {
    AtomicLong counter = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> all = new ArrayList<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (int w = 0; w < threads; w++) {
      int worker = w;
      Thread thread = new Thread(() -> {
        try {
          loop.run(worker, counter, running);
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "bench-" + w);
      thread.setDaemon(true);
      all.add(thread);
    }
    all.forEach(Thread::start);
    double rate = rateAfterWarmup(counter::get, seconds);
    running.set(false);
    all.forEach(Bench::join);
    if (!failures.isEmpty()) {
      throw new IllegalStateException("benchmark failed: " + failures.get(0), failures.get(0));
    }
    return rate;
  }

  /** Waits out the warm-up, then returns how fast {@code count} grows over {@code seconds}. */
  private static double rateAfterWarmup(LongSupplier count, double seconds) {
    sleep(WARMUP_SECONDS);
    long c0 = count.getAsLong();
    long t0 = System.nanoTime();
    sleep(seconds);
    long c1 = count.getAsLong();
    long t1 = System.nanoTime();
    return (c1 - c0) / ((t1 - t0) / 1e9);
  }

  private static float[] randomArray(Random rnd, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = rnd.nextFloat();
    }
    return out;
  }

  private static float[] filled(int n, float v) {
    float[] out = new float[n];
    Arrays.fill(out, v);
    return out;
  }

  private static void sleep(double seconds) {
    try {
      Thread.sleep((long) (seconds * 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
