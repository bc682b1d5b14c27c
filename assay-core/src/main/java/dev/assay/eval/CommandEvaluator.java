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
 * Runs a user's program once per subject, without a shell: the subject (as {@link SubjectJson#request}) on
 * stdin, one JSON object {@code {label?, score?, explanation?, passed?, metadata?}} expected on stdout. The
 * environment holds only PATH, HOME and LANG (from Assay's own) plus the spec's {@code env}, so the server's
 * secrets do not leak into evaluator code. At the timeout the whole process tree is killed. A non-zero exit, a
 * timeout or bad stdout fails the subject with the last 4 KB of stderr kept as the error's raw text.
 */
public final class CommandEvaluator implements RunnableEvaluator {
  static final int STDERR_TAIL_BYTES = 4 * 1024;
  private static final int MAX_STDOUT_BYTES = 1 << 20;
  private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG");

  private final CommandSpec spec;

  public CommandEvaluator(CommandSpec spec) {
    this.spec = spec;
  }

  @Override
  public EvaluatorSpec spec() {
    return spec;
  }

  @Override
  public EvalOutcome evaluate(Subject subject) throws EvaluationException {
    byte[] input = SubjectJson.request(spec, subject).getBytes(StandardCharsets.UTF_8);
    String program = spec.command().getFirst();
    ProcessBuilder pb = new ProcessBuilder(spec.command());
    Map<String, String> env = pb.environment();
    env.clear();
    for (String name : INHERITED) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putAll(spec.env());
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new EvaluationException("command " + program + " could not be started: " + e.getMessage(), null, e);
    }
    Capture stdout = new Capture(process.getInputStream(), MAX_STDOUT_BYTES, false);
    Capture stderr = new Capture(process.getErrorStream(), STDERR_TAIL_BYTES, true);
    Thread writer = Thread.ofVirtual().start(() -> {
      try (OutputStream in = process.getOutputStream()) {
        in.write(input);
      } catch (IOException ignored) {
        // The program need not read its stdin; a closed pipe is not an error.
      }
    });
    try {
      if (!process.waitFor(spec.timeoutMs(), TimeUnit.MILLISECONDS)) {
        killTree(process);
        throw new EvaluationException("command " + program + " did not finish within " + spec.timeoutMs()
            + " ms and was killed", stderr.text());
      }
      writer.join();
      String out = stdout.text();
      String err = stderr.text();
      if (process.exitValue() != 0) {
        throw new EvaluationException("command " + program + " exited with status " + process.exitValue()
            + (err.isBlank() ? "" : ": " + lastLine(err)), err);
      }
      try {
        return SubjectJson.outcome(out, "command " + program);
      } catch (EvaluationException e) {
        throw new EvaluationException(e.getMessage(), err.isBlank() ? e.raw() : err);
      }
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new EvaluationException("command " + program + ": interrupted");
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

  private static String lastLine(String text) {
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
      thread.join(5_000); // a grandchild that kept the pipe open must not hold the evaluation
      synchronized (this) {
        return new String(kept, StandardCharsets.UTF_8);
      }
    }
  }
}
