package io.a3c.train;

import io.a3c.config.HyperParameters;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentFactory;
import io.a3c.graph.A3CGraph;
import io.a3c.health.HealthSink;
import io.a3c.health.HealthThresholds;
import io.a3c.health.TrainingHealth;
import io.a3c.summary.SummarySink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs A3C: one worker thread per {@code hp.workers()}, each with its own environments and local
 * network, all sharing one graph and session; stops at the step limit, the time limit, on
 * {@link #requestStop()} (Ctrl-C) or when a worker fails. Reports progress every few seconds, and
 * warns when the model summaries show a run that is not learning ({@link TrainingHealth}).
 */
public final class Trainer {
  private static final Logger LOG = LogManager.getLogger(Trainer.class);
  /** Seconds between progress reports. */
  public static final double DEFAULT_REPORT_SECONDS = 5;

  /** How a run ended. */
  public record Outcome(Progress last, boolean stoppedByUser, Throwable failure) {}

  /** Called on the monitor thread at every progress report and once at the end. */
  public interface Listener {
    void progress(Progress p);

    /** Called about every {@code checkpointSeconds} on the monitor thread; workers keep going. */
    default void checkpoint(Progress p) {}

    /**
     * Called on the monitor thread about every 200 ms while the workers train (not once they
     * are stopping), for work on a schedule of its own (evaluation during training).
     */
    default void tick() {}
  }

  private final HyperParameters hp;
  private final A3CGraph graph;
  private final EnvironmentFactory factory;
  private final SummarySink summaries;
  private final TrainingHealth health;
  private final EpisodeLog episodes;
  private final Listener listener;
  private final double reportSeconds;
  private volatile boolean stop;
  private volatile boolean stoppedByUser;
  /** The first failure: a worker's, or one the run reports through {@link #fail}. */
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final List<Worker> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Environment groups per worker; 0 means {@link Worker#DEFAULT_GROUPS}. */
  private volatile int envGroups;

  public Trainer(HyperParameters hp, A3CGraph graph, EnvironmentFactory factory,
      SummarySink summaries, EpisodeLog episodes, Listener listener, double reportSeconds) {
    this(hp, graph, factory, summaries, episodes, listener, reportSeconds,
        HealthThresholds.forRun(hp.maxSteps()));
  }

  /** @param health when the run's health warnings fire (tests use a short warm-up) */
  public Trainer(HyperParameters hp, A3CGraph graph, EnvironmentFactory factory,
      SummarySink summaries, EpisodeLog episodes, Listener listener, double reportSeconds,
      HealthThresholds health) {
    this.hp = hp;
    this.graph = graph;
    this.factory = factory;
    this.health = new TrainingHealth(health, graph.spec().numActions(), hp.maxGradientNorm());
    this.summaries = new HealthSink(summaries, this.health);
    this.episodes = episodes;
    this.listener = listener;
    this.reportSeconds = reportSeconds;
  }

  /**
   * Sets how many groups each worker's environments form (1, or 2 to act for one half while the
   * other half plays; see {@link Worker}). For benchmarks that compare the two; call before
   * {@link #run()}.
   */
  public Trainer envGroups(int groups) {
    this.envGroups = groups;
    return this;
  }

  /** Asks the workers to finish their current rollout and stop (Ctrl-C). */
  public void requestStop() {
    stoppedByUser = true;
    stop = true;
  }

  /**
   * Asks the workers to finish their current rollout and stop, as at a limit: the run reached
   * what it was for (a target score, say).
   */
  public void finishEarly() {
    stop = true;
  }

  /**
   * Stops the run as failed: the workers finish their rollout and {@link #run()} returns an
   * outcome with {@code cause} (the run cannot save its checkpoints, say).
   */
  public void fail(Throwable cause) {
    failure.compareAndSet(null, cause);
    stop = true;
  }

  /** Environment failures survived so far (crashed or hung children that were restarted). */
  public long interruptions() {
    return workers.stream().mapToLong(Worker::interruptions).sum();
  }

  /** Waits until {@link #run()} has returned, at most {@code millis}. */
  public boolean awaitFinished(long millis) throws InterruptedException {
    return finished.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Trains until a limit is reached; blocks. The graph must be initialised or restored. */
  public Outcome run() {
    try {
      return train();
    } finally {
      finished.countDown();
    }
  }

  private Outcome train() {
    long start = System.nanoTime();
    long startStep = graph.globalStep();
    health.resumedAt(startStep);
    List<List<Environment>> envs = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    try {
      for (int w = 0; w < hp.workers(); w++) {
        List<Environment> mine = new ArrayList<>();
        envs.add(mine);
        for (int s = 0; s < hp.envsPerWorker(); s++) {
          int id = w * hp.envsPerWorker() + s;
          mine.add(factory.create(id, hp.seed() + id));
        }
      }
      for (int w = 0; w < hp.workers(); w++) {
        Worker worker = new Worker(w, graph.worker(w), envs.get(w), hp, episodes, summaries,
            () -> stop, start,
            envGroups == 0 ? Worker.DEFAULT_GROUPS : envGroups);
        workers.add(worker);
        Thread thread = new Thread(() -> {
          try {
            worker.run();
          } catch (Throwable e) {
            fail(e);
          }
        }, "worker-" + w);
        thread.setDaemon(true);
        threads.add(thread);
      }
      threads.forEach(Thread::start);
      Progress last = monitor(start, startStep, threads);
      return new Outcome(last, stoppedByUser, failure.get());
    } finally {
      stop = true;
      for (Thread thread : threads) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      envs.forEach(list -> list.forEach(Environment::close));
    }
  }

  /** Reports progress and enforces the limits until every worker has stopped. */
  private Progress monitor(long start, long startStep, List<Thread> threads) {
    long lastReport = start;
    long lastStep = startStep;
    long lastCheckpoint = start;
    long deadline = hp.maxMillis() == Long.MAX_VALUE
        ? Long.MAX_VALUE : start + hp.maxMillis() * 1_000_000L;
    Progress progress = new Progress(0, startStep, episodes.episodes(), Double.NaN, 0);
    while (threads.stream().anyMatch(Thread::isAlive)) {
      sleep(Math.min(200, (long) (reportSeconds * 1000)));
      long now = System.nanoTime();
      long step = graph.globalStep();
      if (step >= hp.maxSteps() || now >= deadline) {
        stop = true;
      }
      double sinceReport = (now - lastReport) / 1e9;
      if (sinceReport >= reportSeconds) {
        progress = snapshot(start, now, step, (step - lastStep) / sinceReport);
        listener.progress(progress);
        summaries.throughput(step, progress.stepsPerSecond());
        lastReport = now;
        lastStep = step;
      }
      if ((now - lastCheckpoint) / 1e9 >= hp.checkpointSeconds() && !stop) {
        listener.checkpoint(progress);
        lastCheckpoint = now;
      }
      if (!stop) {
        listener.tick();
      }
    }
    long now = System.nanoTime();
    long step = graph.globalStep();
    double seconds = (now - start) / 1e9;
    progress = snapshot(start, now, step, seconds > 0 ? (step - startStep) / seconds : 0);
    listener.progress(progress);
    LOG.debug("training stopped at global step {}", step);
    return progress;
  }

  private Progress snapshot(long start, long now, long step, double stepsPerSecond) {
    return new Progress((now - start) / 1e9, step, episodes.episodes(), episodes.meanScore(),
        stepsPerSecond);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A listener that prints nothing, for tests. */
  public static Listener quiet() {
    return p -> {};
  }

  /** A listener from a lambda. */
  public static Listener of(Consumer<Progress> onProgress) {
    return onProgress::accept;
  }
}
