package dev.assay.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Runs a user's program once per subject, without a shell: the subject (as {@link SubjectJson#request}) on
 * stdin, one JSON object {@code {label?, score?, explanation?, passed?, metadata?}} expected on stdout. The
 * environment holds only PATH, HOME and LANG (from Assay's own) plus the spec's {@code env}, so the server's
 * secrets do not leak into evaluator code. At the timeout the whole process tree is killed. A non-zero exit, a
 * timeout or bad stdout fails the subject with the last 4 KB of stderr kept as the error's raw text.
 */
public final class CommandEvaluator implements RunnableEvaluator {
  static final int STDERR_TAIL_BYTES = ProcessRun.STDERR_TAIL_BYTES;
  private static final int MAX_STDOUT_BYTES = 1 << 20;

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
    ProcessRun.Result result;
    try {
      result = ProcessRun.run(spec.command(), spec.env(), input, spec.timeoutMs(), MAX_STDOUT_BYTES);
    } catch (IOException e) {
      throw new EvaluationException("command " + program + " could not be started: " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EvaluationException("command " + program + ": interrupted");
    }
    String err = result.stderr();
    if (result.timedOut()) {
      throw new EvaluationException("command " + program + " did not finish within " + spec.timeoutMs()
          + " ms and was killed", err);
    }
    if (result.exitCode() != 0) {
      throw new EvaluationException("command " + program + " exited with status " + result.exitCode()
          + (err.isBlank() ? "" : ": " + ProcessRun.lastLine(err)), err);
    }
    try {
      return SubjectJson.outcome(result.stdout(), "command " + program);
    } catch (EvaluationException e) {
      throw new EvaluationException(e.getMessage(), err.isBlank() ? e.raw() : err);
    }
  }
}
