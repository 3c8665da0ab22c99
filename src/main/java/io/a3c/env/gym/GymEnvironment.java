package io.a3c.env.gym;

import com.google.gson.JsonObject;
import io.a3c.env.EnvSpec;
import io.a3c.env.PipelinedEnvironment;
import io.a3c.env.EnvironmentInterruptedException;
import io.a3c.env.RgbFrame;
import io.a3c.env.Step;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A Gymnasium environment in its own Python child process.
 *
 * <p>The child starts when the environment is created (without waiting, so that many start in
 * parallel) and is greeted on the first {@link #reset()}. When it crashes, hangs, or sends
 * garbage, it is killed, a warning is logged and {@link EnvironmentInterruptedException} is
 * thrown; the next {@link #reset()} starts a fresh child, seeded differently so that a restarted
 * run does not replay the same games.
 */
public final class GymEnvironment implements PipelinedEnvironment {
  private static final Logger LOG = LogManager.getLogger(GymEnvironment.class);
  /** Added to the seed per restart (the 64-bit golden ratio, a common seed stride). */
  private static final long RESTART_SEED_STRIDE = 0x9E3779B97F4A7C15L;

  private final ServerLauncher launcher;
  private final OpenRequest open;
  private final EnvSpec spec;
  private final int index;
  private final long seed;
  private final int numActions;
  private final int obsFloats;
  private final Duration callTimeout;
  private final byte[] stepRequest = new byte[5];
  private final byte[] resetRequest = new byte[10];

  private volatile ServerProcess server;
  /** Set by close(), perhaps from another thread while a call is under way. */
  private volatile boolean closed;
  /** The current child has said hello and opened the environment. */
  private boolean greeted;
  /** The current child has had its first (seeded) reset. */
  private boolean seeded;
  private int restarts;
  /** Whether step() may be called: after a reset, until game over or a failure. */
  private boolean playing;
  /** A step was sent and its reply not yet read. */
  private boolean stepInFlight;
  private RgbFrame frame;

  GymEnvironment(ServerLauncher launcher, OpenRequest open, EnvSpec spec, int index, long seed,
      ServerProcess greetedServer) {
    this.launcher = launcher;
    this.open = open;
    this.spec = spec;
    this.index = index;
    this.seed = seed;
    this.numActions = spec.numActions();
    this.obsFloats = spec.observationSize();
    this.callTimeout = launcher.timeouts().call();
    stepRequest[0] = GymProtocol.STEP;
    resetRequest[0] = GymProtocol.RESET;
    if (greetedServer != null) {
      server = greetedServer;
      greeted = true;
      greetedServer.limitFrames(GymProtocol.maxReply(obsFloats, open.recordFrames()));
    } else {
      try {
        spawn();
      } catch (ServerException e) {
        // Surfaces as an interruption on the first reset(), which starts a child again.
        LOG.warn("{}: {}", this, e.getMessage());
      }
    }
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public float[] reset() {
    if (stepInFlight) {
      throw new IllegalStateException(this + ": receiveStep() the step in flight first");
    }
    try {
      ServerProcess s = ready();
      resetRequest[1] = (byte) (seeded ? 0 : 1);
      ByteBuffer.wrap(resetRequest, 2, 8).order(ByteOrder.LITTLE_ENDIAN)
          .putLong(seed + restarts * RESTART_SEED_STRIDE);
      ByteBuffer reply = s.call(resetRequest, resetRequest.length, callTimeout, "reset");
      float[] obs = new float[obsFloats];
      readFrame(reply, obs);
      seeded = true;
      playing = true;
      return obs;
    } catch (ServerException e) {
      throw interrupted(e, "reset");
    }
  }

  @Override
  public void sendStep(int action) {
    if (action < 0 || action >= numActions) {
      throw new IllegalArgumentException("action " + action + " is outside the action space of "
          + spec.id() + ": valid actions are 0 to " + (numActions - 1) + " " + spec.actions());
    }
    if (!playing) {
      throw new IllegalStateException(spec.id() + ": call reset() first (the game is over, or "
          + "the environment was interrupted)");
    }
    if (stepInFlight) {
      throw new IllegalStateException(this + ": receiveStep() the step in flight first");
    }
    ServerProcess s = server;
    if (s == null) {
      throw interrupted(new ServerException(ServerException.Kind.EXITED, "closed"), "step");
    }
    stepRequest[1] = (byte) action;
    stepRequest[2] = (byte) (action >>> 8);
    stepRequest[3] = (byte) (action >>> 16);
    stepRequest[4] = (byte) (action >>> 24);
    try {
      s.send(stepRequest, stepRequest.length, callTimeout, "step");
      stepInFlight = true;
    } catch (ServerException e) {
      throw interrupted(e, "step");
    }
  }

  @Override
  public Step receiveStep() {
    if (!stepInFlight) {
      throw new IllegalStateException(this + ": sendStep() first");
    }
    stepInFlight = false;
    ServerProcess s = server;
    if (s == null) {
      throw interrupted(new ServerException(ServerException.Kind.EXITED, "closed"), "step");
    }
    try {
      ByteBuffer reply = s.receive(callTimeout, "step");
      float[] obs = new float[obsFloats];
      int flags = readFrame(reply, obs);
      double reward = reply.getDouble(1);
      boolean gameOver = (flags & GymProtocol.FLAG_GAME_OVER) != 0;
      if (gameOver) {
        playing = false;
      }
      return new Step(obs, reward, (flags & GymProtocol.FLAG_TERMINAL) != 0, gameOver,
          (flags & GymProtocol.FLAG_TRUNCATED) != 0);
    } catch (ServerException e) {
      throw interrupted(e, "step");
    }
  }

  @Override
  public Optional<RgbFrame> frame() {
    return Optional.ofNullable(frame);
  }

  /** The child's process id, while one runs (for tests that kill it, and for diagnostics). */
  public OptionalLong pid() {
    ServerProcess s = server;
    return s == null || !s.isAlive() ? OptionalLong.empty() : OptionalLong.of(s.pid());
  }

  /** Where the child's stderr goes. */
  public Path logFile() {
    return launcher.logDir().resolve(logName());
  }

  /** Random actions inside the child, no bridge: {steps, seconds}. The game restarts after. */
  JsonObject benchRaw(double seconds, boolean preprocess) throws ServerException {
    ServerProcess s = ready();
    byte[] request = new byte[10];
    ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN)
        .put(GymProtocol.BENCH).putDouble(seconds).put((byte) (preprocess ? 1 : 0));
    ByteBuffer reply = s.call(request, Duration.ofMillis((long) (seconds * 1000))
        .plus(callTimeout), "bench");
    playing = false;
    if (reply.get() != GymProtocol.JSON) {
      throw new ServerException(ServerException.Kind.PROTOCOL, "expected a JSON bench result");
    }
    return OpenRequest.parseJson(reply).getAsJsonObject();
  }

  @Override
  public void close() {
    closed = true;
    ServerProcess s = server;
    server = null;
    playing = false;
    if (s != null) {
      s.close();
    }
  }

  /** The current child, started, greeted and with the environment open. */
  private ServerProcess ready() throws ServerException {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
    ServerProcess s = server;
    if (s == null || !s.isAlive()) {
      if (s != null) {
        s.kill();
      }
      s = spawn();
    }
    if (!greeted) {
      launcher.greet(s);
      EnvSpec got = open.parseSpec(s.receive(launcher.timeouts().startup(), "open"));
      if (!got.equals(spec)) {
        throw new ServerException(ServerException.Kind.PROTOCOL,
            "the restarted environment differs: " + got + " instead of " + spec);
      }
      s.limitFrames(GymProtocol.maxReply(obsFloats, open.recordFrames()));
      greeted = true;
    }
    return s;
  }

  /** Starts a child and queues the open request; the replies are read by {@link #ready()}. */
  private ServerProcess spawn() throws ServerException {
    greeted = false;
    seeded = false;
    ServerProcess s = launcher.spawn(logName(), toString());
    server = s;
    byte[] request = open.bytes();
    s.send(request, request.length, launcher.timeouts().startup(), "open");
    return s;
  }

  /** Parses an observation frame into {@code obs}; returns the flags. */
  private int readFrame(ByteBuffer reply, float[] obs) throws ServerException {
    int length = reply.remaining();
    if (reply.get(0) != GymProtocol.FRAME || length < GymProtocol.FRAME_HEADER + 4 * obsFloats) {
      throw garbage("a malformed observation frame (type " + reply.get(0) + ", " + length
          + " bytes)");
    }
    int flags = reply.get(9) & 0xff;
    int end = GymProtocol.FRAME_HEADER + 4 * obsFloats;
    reply.position(GymProtocol.FRAME_HEADER);
    reply.asFloatBuffer().get(obs);
    if ((flags & GymProtocol.FLAG_HAS_FRAME) != 0) {
      if (length < end + 4) {
        throw garbage("a truncated RGB frame");
      }
      int height = reply.getShort(end) & 0xffff;
      int width = reply.getShort(end + 2) & 0xffff;
      if (length != end + 4 + 3 * height * width) {
        throw garbage("an RGB frame of the wrong size");
      }
      byte[] rgb = new byte[3 * height * width];
      reply.get(end + 4, rgb);
      frame = new RgbFrame(width, height, rgb);
    } else if (length != end) {
      throw garbage("an observation frame of " + length + " bytes instead of " + end);
    }
    return flags;
  }

  private ServerException garbage(String what) {
    ServerProcess s = server;
    return new ServerException(ServerException.Kind.PROTOCOL, "the child sent " + what
        + (s == null ? "" : " (log: " + s.logFile() + ")"));
  }

  /** Kills the child and turns the failure into the exception the trainer expects. */
  private EnvironmentInterruptedException interrupted(ServerException e, String what) {
    ServerProcess s = server;
    server = null;
    greeted = false;
    playing = false;
    stepInFlight = false;
    restarts++;
    if (s != null) {
      s.kill();
    }
    if (closed) {
      return new EnvironmentInterruptedException(this + " was closed during " + what, e);
    }
    String message = this + ": " + what + " failed: " + ServerLauncher.firstLine(e.getMessage())
        + "; the child was killed and reset() starts a new one";
    // The full text (a Python traceback for error frames) goes to the log, once.
    LOG.warn("{}{}", message, e.getMessage().contains("\n")
        ? System.lineSeparator() + e.getMessage() : "");
    return new EnvironmentInterruptedException(message, e);
  }

  private String logName() {
    return "env-" + index + ".log";
  }

  @Override
  public String toString() {
    return "environment " + spec.id() + " #" + index;
  }
}
