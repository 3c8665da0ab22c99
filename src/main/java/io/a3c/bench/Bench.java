package io.a3c.bench;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvSpec;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.VectorEnvironment;
import io.a3c.graph.A3CGraph;
import io.a3c.graph.Architecture;
import io.a3c.graph.WorkerNetwork;
import io.a3c.summary.SummarySink;
import io.a3c.train.EpisodeLog;
import io.a3c.train.Trainer;
import io.a3c.train.Worker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
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
        counter.ready();
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
          counter.add((long) k * t);
        }
      });
    }
  }

  /**
   * Environments alone, as the trainer steps them: {@code workers} threads, each sending random
   * actions to its {@code k} environments and then collecting the K results. The clock starts
   * once every environment has started its first game.
   */
  public static double envStepsPerSecond(EnvironmentFactory factory, int workers, int k,
      double seconds) {
    return measure(workers, seconds, (w, counter, running) -> {
      List<Environment> mine = new ArrayList<>();
      try {
        for (int s = 0; s < k; s++) {
          mine.add(factory.create(w * k + s, w * k + s));
        }
        try (VectorEnvironment envs = new VectorEnvironment(mine)) {
          Random rnd = new Random(w);
          int actions = envs.spec().numActions();
          for (int s = 0; s < k; s++) {
            envs.reset(s);
          }
          counter.ready();
          while (running.get()) {
            for (int s = 0; s < k; s++) {
              envs.send(s, rnd.nextInt(actions));
            }
            for (int s = 0; s < k; s++) {
              if (envs.receive(s).gameOver()) {
                envs.reset(s);
              }
            }
            counter.add(k);
          }
        }
      } catch (RuntimeException e) {
        mine.forEach(Environment::close);
        throw e;
      }
    });
  }

  /**
   * What the whole trainer did in one measurement.
   *
   * @param startupSeconds from creating the environments to the first update
   * @param jvmCpuMillisPerStep CPU time of this JVM per environment step (acting, training, the
   *     bridge's Java side); NaN off Linux
   * @param envCpuMillisPerStep CPU time of the environment processes per environment step
   */
  public record TrainerFigures(int workers, int envsPerWorker, int groups, double stepsPerSecond,
      double startupSeconds, double jvmCpuMillisPerStep, double envCpuMillisPerStep) {}

  /**
   * The whole trainer with {@code groups} environment groups per worker (0: the trainer's
   * default). The warm-up starts once the first update is done, so that the start-up of many
   * environments does not count as slow training.
   */
  public static TrainerFigures trainer(EnvironmentFactory factory, HyperParameters hp,
      double seconds, int groups) {
    try (A3CGraph graph = A3CGraph.build(factory.spec(), hp)) {
      graph.initialize();
      Trainer trainer = new Trainer(hp.withLimits(Long.MAX_VALUE / 2, 0), graph, factory,
          SummarySink.NONE, new EpisodeLog(), Trainer.quiet(), 1).envGroups(groups);
      long t0 = System.nanoTime();
      Thread thread = new Thread(trainer::run, "bench-trainer");
      thread.setDaemon(true);
      thread.start();
      try {
        double startup = awaitFirst(graph::globalStep, thread, t0);
        sleep(WARMUP_SECONDS);
        CpuClock.Reading cpu0 = CpuClock.now();
        long c0 = graph.globalStep();
        long n0 = System.nanoTime();
        sleep(seconds);
        long c1 = graph.globalStep();
        long n1 = System.nanoTime();
        CpuClock.Reading cpu = CpuClock.now().minus(cpu0);
        long steps = c1 - c0;
        return new TrainerFigures(hp.workers(), hp.envsPerWorker(),
            groups == 0 ? Worker.DEFAULT_GROUPS : groups,
            steps / ((n1 - n0) / 1e9), startup,
            steps > 0 ? 1000 * cpu.jvmSeconds() / steps : Double.NaN,
            steps > 0 ? 1000 * cpu.childSeconds() / steps : Double.NaN);
      } finally {
        trainer.requestStop();
        join(thread);
      }
    }
  }

  /** Seconds until {@code count} first moves; fails if the trainer stops or 5 minutes pass. */
  private static double awaitFirst(LongSupplier count, Thread trainer, long t0) {
    long start = count.getAsLong();
    long limit = t0 + 300_000_000_000L;
    while (count.getAsLong() == start) {
      if (!trainer.isAlive()) {
        throw new IllegalStateException("the trainer stopped before its first update");
      }
      if (System.nanoTime() > limit) {
        throw new IllegalStateException("no update within 5 minutes of start-up");
      }
      sleep(0.05);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Steps counted by a measured loop, and whether it is ready to be measured. */
  private static final class Counter {
    private final AtomicLong steps = new AtomicLong();
    private final CountDownLatch ready;

    Counter(int threads) {
      ready = new CountDownLatch(threads);
    }

    /** This thread has started (its environments are up); the warm-up may begin. */
    void ready() {
      ready.countDown();
    }

    void add(long n) {
      steps.addAndGet(n);
    }

    long get() {
      return steps.get();
    }
  }

  /** A measured loop body: add steps to {@code counter} while {@code running}. */
  private interface Loop {
    void run(int worker, Counter counter, AtomicBoolean running)
        throws Exception;
  }

  private static double measure(int threads, double seconds, Loop loop) {
    Counter counter = new Counter(threads);
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
          counter.ready();  // a failed thread must not hold the others' clock
        }
      }, "bench-" + w);
      thread.setDaemon(true);
      all.add(thread);
    }
    all.forEach(Thread::start);
    try {
      counter.ready.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
