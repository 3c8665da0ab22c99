package io.a3c.summary;

import io.a3c.logging.Failures;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvSpec;
import io.a3c.graph.A3CGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.proto.DataClass;
import org.tensorflow.proto.SummaryMetadata;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Writes TensorBoard event files with TensorFlow's own summary ops, in the training graph.
 *
 * <p>Every op is added to the A3C graph once, by {@link #create}, before any worker thread starts:
 * a summary-writer resource, a few scalar-writing ops fed through placeholders (shared by every
 * thread: a call feeds its own tensors, so concurrent calls need no lock), one op that writes a
 * histogram of every global weight, and ops for text (the hyper-parameters, health warnings) and
 * the graph.
 *
 * <p>Non-finite values (an explained variance of a batch whose returns are all equal, say) are
 * skipped rather than plotted. A failed write is logged once and never stops training.
 */
public final class TensorBoardSink implements SummarySink {
  private static final Logger LOG = LogManager.getLogger(TensorBoardSink.class);

  /** Name scope of every summary op in the graph. */
  public static final String SCOPE = "summary";
  /** Model summaries between two weight histograms. */
  public static final int DEFAULT_HISTOGRAM_EVERY = 10;
  /** Scalar ops in the graph: the most one call writes (model() writes seven). */
  private static final int SLOTS = 8;
  private static final int MAX_QUEUE = 100;
  private static final int FLUSH_MILLIS = 5_000;

  private final Session session;
  private final Placeholder<TInt64> step;
  private final List<Placeholder<TString>> tags;
  private final List<Placeholder<TFloat32>> values;
  private final List<Op> scalarWrites;
  private final Op histograms;
  private final Placeholder<TString> textTag;
  private final Placeholder<TString> text;
  private final Op writeText;
  private final Placeholder<TString> graphDef;
  private final Op writeGraph;
  private final Op flushOp;
  private final Op closeOp;
  private final int histogramEvery;
  private final AtomicLong modelCalls = new AtomicLong();
  /** Writes that failed; only the first is logged, as the summaries are not worth a stop. */
  private final AtomicLong failures = new AtomicLong();
  // Writes share the read lock; close takes the write lock so no write runs on a closed writer.
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private TensorBoardSink(Session session, Placeholder<TInt64> step,
      List<Placeholder<TString>> tags, List<Placeholder<TFloat32>> values,
      List<Op> scalarWrites, Op histograms, Placeholder<TString> textTag,
      Placeholder<TString> text, Op writeText, Placeholder<TString> graphDef, Op writeGraph,
      Op flushOp, Op closeOp, int histogramEvery) {
    this.session = session;
    this.step = step;
    this.tags = tags;
    this.values = values;
    this.scalarWrites = scalarWrites;
    this.histograms = histograms;
    this.textTag = textTag;
    this.text = text;
    this.writeText = writeText;
    this.graphDef = graphDef;
    this.writeGraph = writeGraph;
    this.flushOp = flushOp;
    this.closeOp = closeOp;
    this.histogramEvery = histogramEvery;
  }

  /**
   * Adds the summary ops to {@code graph}, opens an event file in {@code logdir} (appending to a
   * resumed run's directory: TensorBoard reads every event file there), and writes the
   * hyper-parameters and the graph at the current global step.
   *
   * <p>Call once the graph is initialised or restored and its other ops (checkpoint ops) exist,
   * before any worker thread starts.
   *
   * @param extra more rows for the hyper-parameter table (versions, say)
   */
  public static TensorBoardSink create(A3CGraph graph, Path logdir, Map<String, ?> extra) {
    return create(graph, logdir, extra, DEFAULT_HISTOGRAM_EVERY);
  }

  public static TensorBoardSink create(A3CGraph graph, Path logdir) {
    return create(graph, logdir, Map.of());
  }

  static TensorBoardSink create(A3CGraph graph, Path logdir, Map<String, ?> extra,
      int histogramEvery) {
    Ops tf = Ops.create(graph.graph()).withSubScope(SCOPE);
    SummaryWriter writer = tf.withName("writer").summary.summaryWriter(
        SummaryWriter.sharedName("a3c_event_writer"));
    Op open = tf.withName("open").summary.createSummaryFileWriter(writer,
        tf.constant(logdir.toAbsolutePath().toString()), tf.constant(MAX_QUEUE),
        tf.constant(FLUSH_MILLIS), tf.constant(".v2"));
    Placeholder<TInt64> step = tf.withName("step").placeholder(TInt64.class,
        Placeholder.shape(Shape.scalar()));

    List<Placeholder<TString>> tags = new ArrayList<>();
    List<Placeholder<TFloat32>> values = new ArrayList<>();
    List<Op> writes = new ArrayList<>();
    for (int i = 0; i < SLOTS; i++) {
      Ops slot = tf.withSubScope("scalar_" + i);
      Placeholder<TString> tag = slot.withName("tag").placeholder(TString.class,
          Placeholder.shape(Shape.scalar()));
      Placeholder<TFloat32> value = slot.withName("value").placeholder(TFloat32.class,
          Placeholder.shape(Shape.scalar()));
      tags.add(tag);
      values.add(value);
      writes.add(slot.withName("write").summary.writeScalarSummary(writer, step, tag, value));
    }

    Ops hist = tf.withSubScope("histograms");
    List<Op> perVariable = new ArrayList<>();
    for (Variable<TFloat32> v : graph.global().all()) {
      perVariable.add(hist.summary.writeHistogramSummary(writer, step,
          hist.constant(v.op().name()), v));
    }
    Op histograms = hist.withName("write").withControlDependencies(perVariable).noOp();

    Placeholder<TString> textTag = tf.withName("text_tag").placeholder(TString.class,
        Placeholder.shape(Shape.scalar()));
    Placeholder<TString> text = tf.withName("text").placeholder(TString.class,
        Placeholder.shape(Shape.scalar()));
    Op writeText = tf.withName("write_text").summary.writeSummary(writer, step, text, textTag,
        tf.constantOf(bytesScalar(textMetadata())));
    Placeholder<TString> graphDef = tf.withName("graph_def").placeholder(TString.class,
        Placeholder.shape(Shape.scalar()));
    Op writeGraph = tf.withName("write_graph").summary.writeGraphSummary(writer, step, graphDef);
    Op flush = tf.withName("flush").summary.flushSummaryWriter(writer);
    Op close = tf.withName("close").summary.closeSummaryWriter(writer);

    TensorBoardSink sink = new TensorBoardSink(graph.session(), step, tags, values, writes,
        histograms, textTag, text, writeText, graphDef, writeGraph, flush, close, histogramEvery);
    graph.session().run(open);
    long now = graph.globalStep();
    sink.writeText(now, Tags.HYPER_PARAMETERS,
        table(graph.hyperParameters(), graph.spec(), extra));
    sink.writeGraph(graph, now);
    sink.flush();
    return sink;
  }

  private static String table(HyperParameters hp, EnvSpec spec, Map<String, ?> extra) {
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("observation shape", Arrays.toString(spec.observationShape()));
    rows.put("actions", spec.actions());
    rows.putAll(extra);
    return HyperParameterTable.markdown(hp, rows);
  }

  /** TensorBoard's text plugin reads tensor summaries whose metadata names it. */
  private static byte[] textMetadata() {
    return SummaryMetadata.newBuilder()
        .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName("text"))
        .setDataClass(DataClass.DATA_CLASS_TENSOR)
        .build().toByteArray();
  }

  private static TString bytesScalar(byte[] bytes) {
    return TString.tensorOfBytes(NdArrays.scalarOfObject(bytes));
  }

  private void writeText(long globalStep, String tag, String markdown) {
    try (TInt64 s = TInt64.scalarOf(globalStep);
        TString g = TString.scalarOf(tag);
        TString t = TString.scalarOf(markdown);
        Result r = session.runner().feed(step, s).feed(textTag, g).feed(text, t)
            .addTarget(writeText).run()) {
      // written
    }
  }

  /** Writes the graph as it is now (call after every op exists) for TensorBoard's Graphs tab. */
  private void writeGraph(A3CGraph graph, long globalStep) {
    byte[] def = graph.graph().toGraphDef().toByteArray();
    try (TInt64 s = TInt64.scalarOf(globalStep);
        TString g = bytesScalar(def);
        Result r = session.runner().feed(step, s).feed(graphDef, g).addTarget(writeGraph)
            .run()) {
      // written
    }
  }

  @Override
  public void episode(int worker, long globalStep, double score, long length, double fps) {
    scalars(globalStep, new String[] {Tags.EPISODE_REWARD, Tags.EPISODE_LENGTH, Tags.FPS},
        new double[] {score, length, fps});
  }

  @Override
  public void model(int worker, long globalStep, ModelStats s) {
    scalars(globalStep,
        new String[] {Tags.LOSS, Tags.POLICY_LOSS, Tags.VALUE_LOSS, Tags.ENTROPY,
            Tags.GLOBAL_NORM, Tags.GRADIENT_GLOBAL_NORM, Tags.EXPLAINED_VARIANCE},
        new double[] {s.loss(), s.policyLoss(), s.valueLoss(), s.entropy(), s.variableNorm(),
            s.gradientNorm(), s.explainedVariance()});
    if (modelCalls.getAndIncrement() % histogramEvery == 0) {
      histograms(globalStep);
    }
  }

  @Override
  public void throughput(long globalStep, double stepsPerSecond) {
    scalars(globalStep, new String[] {Tags.STEPS_PER_SECOND}, new double[] {stepsPerSecond});
  }

  @Override
  public void evaluation(long globalStep, double mean, double std, double min, double max,
      double meanLength) {
    scalars(globalStep, Tags.EVAL_SCALARS.toArray(String[]::new),
        new double[] {mean, std, min, max, meanLength});
  }

  @Override
  public void text(long globalStep, String tag, String markdown) {
    lock.readLock().lock();
    try {
      if (!closed) {
        writeText(globalStep, tag, markdown);
      }
    } catch (RuntimeException e) {
      warnOnce(e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Writes a histogram of every global weight at {@code globalStep}. */
  public void histograms(long globalStep) {
    lock.readLock().lock();
    try (TInt64 s = TInt64.scalarOf(globalStep)) {
      if (closed) {
        return;
      }
      try (Result r = session.runner().feed(step, s).addTarget(histograms).run()) {
        // written
      }
    } catch (RuntimeException e) {
      warnOnce(e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Writes the finite ones of {@code values} under {@code names} in one session run. */
  void scalars(long globalStep, String[] names, double[] vals) {
    List<Tensor> inputs = new ArrayList<>();
    lock.readLock().lock();
    try {
      if (closed) {
        return;
      }
      TInt64 s = TInt64.scalarOf(globalStep);
      inputs.add(s);
      var runner = session.runner().feed(step, s);
      int slot = 0;
      for (int i = 0; i < names.length; i++) {
        if (!Double.isFinite(vals[i])) {
          continue;
        }
        TString tag = TString.scalarOf(names[i]);
        inputs.add(tag);
        TFloat32 value = TFloat32.scalarOf((float) vals[i]);
        inputs.add(value);
        runner.feed(tags.get(slot), tag).feed(values.get(slot), value)
            .addTarget(scalarWrites.get(slot));
        slot++;
      }
      if (slot > 0) {
        try (Result r = runner.run()) {
          // written
        }
      }
    } catch (RuntimeException e) {
      warnOnce(e);
    } finally {
      lock.readLock().unlock();
      inputs.forEach(Tensor::close);
    }
  }

  @Override
  public void flush() {
    lock.readLock().lock();
    try {
      if (!closed) {
        session.run(flushOp);
      }
    } catch (RuntimeException e) {
      warnOnce(e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Flushes and closes the event file; later calls are ignored. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        session.run(closeOp);
      }
    } catch (RuntimeException e) {
      warnOnce(e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Summary writes that failed so far (a deleted event file, a full disk). */
  public long failures() {
    return failures.get();
  }

  private void warnOnce(RuntimeException e) {
    if (failures.getAndIncrement() == 0) {
      LOG.warn("TensorBoard summary not written (further failures are not logged): {}",
          Failures.describe(e));
    }
  }
}
