package io.a3c.env.gym;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One environment server child process and the framing on its pipes.
 *
 * <p>Blocking pipe reads cannot time out in Java, so a shared watchdog thread kills a child whose
 * call has run past its deadline; the blocked read then sees end-of-file and the call reports a
 * timeout. This keeps the per-step path free of thread hand-offs, which cost more than the copy
 * on this kind of machine. Used by one thread at a time; {@link #kill()} and {@link #close()} may
 * come from any thread.
 */
final class ServerProcess implements AutoCloseable {
  private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static final long WATCHDOG_PERIOD_MS = 50;

  static {
    Thread watchdog = new Thread(ServerProcess::watch, "a3c-env-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    // Children exit on end-of-file of stdin when the JVM dies; this also ends hung ones.
    Runtime.getRuntime().addShutdownHook(
        new Thread(() -> LIVE.forEach(p -> p.process.destroyForcibly()), "a3c-env-cleanup"));
  }

  /** What the server says first: protocol check, library versions, missing libraries. */
  record Hello(Map<String, String> versions, String missing, String executable) {}

  private final Process process;
  private final InputStream in;
  private final OutputStream out;
  private final Path logFile;
  private final String label;
  private final byte[] header = new byte[4];
  private byte[] replyBuffer = new byte[1024];
  private int maxFrame = GymProtocol.HANDSHAKE_MAX_FRAME;
  /** System.nanoTime() by which the current call must finish; 0 while idle. */
  private volatile long deadline;
  private volatile boolean timedOut;
  private volatile boolean closed;

  private ServerProcess(Process process, Path logFile, String label) {
    this.process = process;
    this.in = process.getInputStream();
    this.out = process.getOutputStream();
    this.logFile = logFile;
    this.label = label;
  }

  /**
   * Starts {@code command} with its stderr appended to {@code logFile} (never an unread pipe,
   * which would block the child once full).
   */
  static ServerProcess start(List<String> command, Path logFile, String label)
      throws ServerException {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    // One thread per child: there is one child per environment already, and BLAS threads would
    // fight the trainer for the cores.
    env.put("OMP_NUM_THREADS", "1");
    env.put("OPENBLAS_NUM_THREADS", "1");
    env.put("MKL_NUM_THREADS", "1");
    env.put("PYTHONUNBUFFERED", "1");
    // pygame (classic-control rendering) greets on stdout and probes sound devices otherwise.
    env.put("PYGAME_HIDE_SUPPORT_PROMPT", "1");
    env.put("SDL_AUDIODRIVER", "dummy");
    builder.redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      Files.writeString(logFile, "=== " + LocalDateTime.now() + " starting " + label + ": "
              + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      ServerProcess server = new ServerProcess(builder.start(), logFile, label);
      LIVE.add(server);
      return server;
    } catch (IOException e) {
      throw new ServerException(ServerException.Kind.START, null,
          "cannot start '" + command.get(0) + "': " + e.getMessage(), e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** For tests that check how the child ended. */
  Process process() {
    return process;
  }

  Path logFile() {
    return logFile;
  }

  boolean isAlive() {
    return !closed && process.isAlive();
  }

  /** Frames larger than this are treated as garbage. */
  void limitFrames(int max) {
    maxFrame = max;
  }

  /** Reads and checks the greeting. */
  Hello hello(Duration timeout) throws ServerException {
    ByteBuffer reply = receive(timeout, "start-up");
    byte[] magic = new byte[GymProtocol.MAGIC.length];
    if (reply.get() != GymProtocol.HELLO || reply.remaining() < magic.length + 4) {
      throw protocol("the first frame is not a hello: not an a3c environment server");
    }
    reply.get(magic);
    if (!Arrays.equals(magic, GymProtocol.MAGIC)) {
      throw protocol("wrong magic in the hello frame: not an a3c environment server");
    }
    int version = reply.getInt();
    if (version != GymProtocol.VERSION) {
      throw protocol("protocol version " + version + ", expected " + GymProtocol.VERSION
          + " (a stale env_server.py?)");
    }
    JsonObject json = json(reply, "hello");
    Map<String, String> versions = new TreeMap<>();
    if (json.has("versions") && json.get("versions").isJsonObject()) {
      json.getAsJsonObject("versions").entrySet()
          .forEach(e -> versions.put(e.getKey(), e.getValue().getAsString()));
    }
    return new Hello(versions, stringOrNull(json, "missing"), stringOrNull(json, "executable"));
  }

  /**
   * Sends one request and returns the reply payload (type byte first), valid until the next call.
   * An error frame becomes a {@link ServerException.Kind#ERROR}.
   */
  ByteBuffer call(byte[] request, Duration timeout, String what) throws ServerException {
    return call(request, request.length, timeout, what);
  }

  ByteBuffer call(byte[] request, int length, Duration timeout, String what)
      throws ServerException {
    send(request, length, timeout, what);
    return receive(timeout, what);
  }

  /** Sends without waiting for the reply, so that start-up overlaps with other work. */
  void send(byte[] request, int length, Duration timeout, String what) throws ServerException {
    arm(timeout);
    try {
      writeIntLe(header, length);
      out.write(header);
      out.write(request, 0, length);
      out.flush();
    } catch (IOException e) {
      throw failure(e, what, timeout);
    } finally {
      deadline = 0;
    }
  }

  /** Waits for the next frame. */
  ByteBuffer receive(Duration timeout, String what) throws ServerException {
    arm(timeout);
    try {
      readFully(header, 4);
      long length = Integer.toUnsignedLong(ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN)
          .getInt());
      if (length == 0 || length > maxFrame) {
        throw protocol(String.format(Locale.ROOT,
            "a frame of %,d bytes in reply to %s (limit %,d): garbage on the protocol channel "
                + "(it starts with %s)", length, what, maxFrame, describe(header)));
      }
      int n = (int) length;
      if (replyBuffer.length < n) {
        replyBuffer = new byte[Math.max(n, replyBuffer.length * 2)];
      }
      readFully(replyBuffer, n);
      ByteBuffer reply = ByteBuffer.wrap(replyBuffer, 0, n).order(ByteOrder.LITTLE_ENDIAN);
      if (replyBuffer[0] == GymProtocol.ERROR) {
        reply.get();
        JsonObject error = json(reply, "error");
        String trace = stringOrNull(error, "traceback");
        throw new ServerException(ServerException.Kind.ERROR, stringOrNull(error, "kind"),
            String.valueOf(stringOrNull(error, "message"))
                + (trace == null || trace.isBlank() ? "" : "\n" + trace.strip()), null);
      }
      return reply;
    } catch (IOException e) {
      throw failure(e, what, timeout);
    } finally {
      deadline = 0;
    }
  }

  private void readFully(byte[] into, int n) throws IOException {
    int done = 0;
    while (done < n) {
      int r = in.read(into, done, n - done);
      if (r < 0) {
        throw new EOFException();
      }
      done += r;
    }
  }

  private void arm(Duration timeout) throws ServerException {
    if (closed) {
      throw new ServerException(ServerException.Kind.EXITED, "closed");
    }
    deadline = System.nanoTime() + timeout.toNanos();
  }

  /** Turns an I/O failure into what actually happened: a timeout, or the child's exit. */
  private ServerException failure(IOException e, String what, Duration timeout) {
    if (timedOut) {
      return new ServerException(ServerException.Kind.TIMEOUT, null, String.format(Locale.ROOT,
          "timed out: no answer to %s within %.1f s (log: %s)", what,
          timeout.toMillis() / 1000.0, logFile), e);
    }
    if (closed) {
      return new ServerException(ServerException.Kind.EXITED, null, "closed", e);
    }
    String code;
    try {
      code = process.waitFor(2, TimeUnit.SECONDS) ? "exit code " + process.exitValue()
          : "still running, pipe closed";
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      code = "state unknown";
    }
    process.destroyForcibly();
    String last = LogTail.lastLine(logFile);
    return new ServerException(ServerException.Kind.EXITED, null, "the child ended during " + what
        + " (" + code + (last.isEmpty() ? "" : "; last log line: " + last) + "; log: " + logFile
        + ")", e);
  }

  private ServerException protocol(String message) {
    process.destroyForcibly();
    return new ServerException(ServerException.Kind.PROTOCOL, null,
        message + " (log: " + logFile + ")", null);
  }

  private JsonObject json(ByteBuffer reply, String what) throws ServerException {
    String text = new String(reply.array(), reply.arrayOffset() + reply.position(),
        reply.remaining(), StandardCharsets.UTF_8);
    try {
      return JsonParser.parseString(text).getAsJsonObject();
    } catch (RuntimeException e) {
      throw protocol("unreadable " + what + " frame: " + e.getMessage());
    }
  }

  static String stringOrNull(JsonObject json, String key) {
    return json.has(key) && !json.get(key).isJsonNull() ? json.get(key).getAsString() : null;
  }

  /** Kills the child now (a failure, or a hang). */
  void kill() {
    closed = true;
    LIVE.remove(this);
    process.destroyForcibly();
    closeQuietly();
    try {
      // SIGKILL is quick; waiting means a restart never overlaps with the dying child.
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends the child politely: end-of-file on its stdin, then a kill if it lingers. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    LIVE.remove(this);
    try {
      out.close();
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      out.close();
    } catch (IOException ignored) {
      // the child is gone; nothing to flush
    }
    try {
      in.close();
    } catch (IOException ignored) {
      // same
    }
  }

  private static void watch() {
    while (true) {
      try {
        Thread.sleep(WATCHDOG_PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (ServerProcess p : LIVE) {
        long d = p.deadline;
        if (d != 0 && now - d > 0) {
          p.timedOut = true;
          p.process.destroyForcibly();
          LIVE.remove(p);
        }
      }
    }
  }

  static void writeIntLe(byte[] into, int value) {
    into[0] = (byte) value;
    into[1] = (byte) (value >>> 8);
    into[2] = (byte) (value >>> 16);
    into[3] = (byte) (value >>> 24);
  }

  /** Bytes as hex and as text, so that a stray print is recognisable in the message. */
  private static String describe(byte[] bytes) {
    StringBuilder hex = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      hex.append(String.format("%02x", b));
      text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return hex + " \"" + text + "\"";
  }

  @Override
  public String toString() {
    return label + " (pid " + process.pid() + ")";
  }
}
