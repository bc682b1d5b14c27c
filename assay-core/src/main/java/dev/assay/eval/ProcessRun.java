package dev.assay.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program once without a shell, for command evaluators and experiments' command tasks: {@code stdin} written
 * on a virtual thread, stdout kept from its start and stderr from its end (both bounded), a scrubbed environment
 * (only PATH, HOME and LANG from Assay's own, plus {@code env}) so the server's secrets do not leak into user code,
 * and at the timeout the whole process tree killed.
 */
public final class ProcessRun {
  /** What is kept of stderr (its end). */
  public static final int STDERR_TAIL_BYTES = 4 * 1024;
  private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG");

  private ProcessRun() {}

  /**
   * How the program ended.
   *
   * @param timedOut true when it was killed at the timeout ({@code exitCode} is then -1)
   */
  public record Result(int exitCode, boolean timedOut, String stdout, String stderr) {}

  /**
   * Runs {@code argv} to its end or the timeout.
   *
   * @throws IOException when the program cannot be started
   * @throws InterruptedException when the calling thread is interrupted (the program is killed)
   */
  public static Result run(List<String> argv, Map<String, String> env, byte[] stdin, long timeoutMs,
      int maxStdoutBytes) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    Map<String, String> environment = pb.environment();
    environment.clear();
    for (String name : INHERITED) {
      String value = System.getenv(name);
      if (value != null) {
        environment.put(name, value);
      }
    }
    environment.putAll(env);
    Process process = pb.start();
    Capture stdout = new Capture(process.getInputStream(), maxStdoutBytes, false);
    Capture stderr = new Capture(process.getErrorStream(), STDERR_TAIL_BYTES, true);
    Thread writer = Thread.ofVirtual().start(() -> {
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin);
      } catch (IOException ignored) {
        // The program need not read its stdin; a closed pipe is not an error.
      }
    });
    try {
      if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        killTree(process);
        return new Result(-1, true, stdout.text(), stderr.text());
      }
      writer.join();
      return new Result(process.exitValue(), false, stdout.text(), stderr.text());
    } catch (InterruptedException e) {
      killTree(process);
      throw e;
    } finally {
      if (process.isAlive()) {
        killTree(process);
      }
    }
  }

  /** Kills the children first (a snapshot taken while they still hang off the parent), then the parent. */
  static void killTree(Process process) {
    List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last non-blank line of a text, at most 300 characters, for one-line error messages. */
  public static String lastLine(String text) {
    String t = text.strip();
    int nl = t.lastIndexOf('\n');
    String line = nl < 0 ? t : t.substring(nl + 1);
    return line.length() <= 300 ? line : line.substring(0, 300) + "…";
  }

  /** Reads a stream to its end on a virtual thread, keeping the first (or the last) {@code limit} bytes. */
  private static final class Capture {
    private final Thread thread;
    private final int limit;
    private final boolean tail;
    private byte[] kept = new byte[0];

    Capture(InputStream stream, int limit, boolean tail) {
      this.limit = limit;
      this.tail = tail;
      this.thread = Thread.ofVirtual().start(() -> read(stream));
    }

    private void read(InputStream stream) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      try (stream) {
        int n;
        while ((n = stream.read(chunk)) >= 0) {
          buffer.write(chunk, 0, n);
          if (buffer.size() > 2 * limit) {
            byte[] all = buffer.toByteArray();
            buffer.reset();
            if (tail) {
              buffer.write(all, all.length - limit, limit);
            } else {
              buffer.write(all, 0, limit); // keep the head, drain the rest so the program is not blocked
            }
          }
        }
      } catch (IOException ignored) {
        // The stream closes when the process is killed; what was read so far is kept.
      }
      byte[] all = buffer.toByteArray();
      synchronized (this) {
        kept = all.length <= limit ? all
            : tail ? java.util.Arrays.copyOfRange(all, all.length - limit, all.length)
            : java.util.Arrays.copyOf(all, limit);
      }
    }

    String text() throws InterruptedException {
      thread.join(5_000); // a grandchild that kept the pipe open must not hold the caller
      synchronized (this) {
        return new String(kept, StandardCharsets.UTF_8);
      }
    }
  }
}
