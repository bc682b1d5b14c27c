package dev.assay.eval;

import static dev.assay.eval.Scenario.*;
import static dev.assay.eval.StoredSpans.ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The command evaluator running real Python scripts that read the subject from stdin. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandEvaluatorTest {
  @TempDir static Path dir;
  private StoredSpans db;
  private String python;

  @BeforeAll
  void start() {
    python = which("python3");
    db = new StoredSpans(dir.resolve("db"));
    db.ingest(PROJECT, Scenario.spans(Times.micros(Instant.now())));
  }

  @AfterAll
  void stop() {
    db.close();
  }

  @Test
  void readsTheSubjectOnStdin_andAnswersOnStdout_inAScrubbedEnvironment() throws Exception {
    Path script = script("judge.py", """
        import json, os, sys
        req = json.load(sys.stdin)
        s = req["subject"]
        called = [c["name"] for c in s["tool_calls"]]
        failed = [c["name"] for c in s["tool_calls"] if "error" in c]
        print(json.dumps({"label": "recovered" if failed else "clean", "score": 1 - len(failed) / max(1, len(called)),
            "explanation": "failed: " + ",".join(failed), "passed": not failed,
            "metadata": {"env": sorted(os.environ.keys()), "mode": os.environ.get("MODE"),
                         "question": req["variables"]["q"], "steps": len(s["steps"])}}))
        """);
    CommandSpec spec = new CommandSpec("tools", SubjectKind.TRAJECTORY, Map.of("q", "input"),
        List.of(python, script.toString()), Map.of("MODE", "strict"), 20_000L);

    EvalOutcome o = Evaluators.prepare(spec, null).evaluate(db.subjects.trajectory(ALL, PROJECT, AGENT));

    assertEquals("recovered", o.label());
    assertEquals(0.5, o.score());
    assertFalse(o.passed());
    assertEquals("failed: track_shipment", o.explanation());
    assertEquals("strict", o.metadata().get("mode"));
    assertEquals(ORDER_REQUEST, o.metadata().get("question"));
    assertEquals(5, o.metadata().get("steps"));
    @SuppressWarnings("unchecked")
    List<String> env = (List<String>) o.metadata().get("env");
    // Python may add LC_CTYPE itself (PEP 538); nothing of the test JVM's environment gets through.
    assertTrue(Set.of("PATH", "HOME", "LANG", "MODE", "LC_CTYPE").containsAll(env), env.toString());
    assertTrue(env.contains("MODE") && env.contains("PATH"), env.toString());
  }

  @Test
  void aNonZeroExit_failsWithTheLastStderrLine_keepingTheTailOfStderr() throws IOException {
    Path script = script("crash.py", """
        import sys
        sys.stdin.read()
        sys.stderr.write("x" * 10000 + "\\n")
        sys.stderr.write("Traceback (most recent call last):\\nValueError: no reference in subject\\n")
        sys.exit(3)
        """);
    EvaluationException e = assertThrows(EvaluationException.class, () -> run(script, 20_000));

    assertEquals("command " + python + " exited with status 3: ValueError: no reference in subject", e.getMessage());
    assertEquals(CommandEvaluator.STDERR_TAIL_BYTES, e.raw().length());
    assertTrue(e.raw().endsWith("ValueError: no reference in subject\n"), e.raw());
  }

  @Test
  void aProgramThatRunsTooLong_isKilledWithItsChildren() throws Exception {
    Path pids = dir.resolve("pids.txt");
    Path script = script("hang.py", """
        import os, subprocess, sys, time
        child = subprocess.Popen(["sleep", "60"])
        with open(sys.argv[1], "w") as f:
            f.write(f"{os.getpid()} {child.pid}")
        sys.stderr.write("working...\\n")
        sys.stderr.flush()
        time.sleep(60)
        """);
    CommandSpec spec = new CommandSpec("hang", null, null, List.of(python, script.toString(), pids.toString()), null,
        1_500L);
    long start = System.nanoTime();

    EvaluationException e = assertThrows(EvaluationException.class,
        () -> Evaluators.prepare(spec, null).evaluate(db.subjects.span(ALL, PROJECT, RAG1_LLM)));

    assertTrue(System.nanoTime() - start < 10_000_000_000L);
    assertEquals("command " + python + " did not finish within 1500 ms and was killed", e.getMessage());
    assertEquals("working...\n", e.raw());
    String[] ids = Files.readString(pids).split(" ");
    for (String id : ids) {
      long pid = Long.parseLong(id);
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " is still alive");
    }
  }

  @Test
  void stdoutThatIsNotOneJsonObject_fails() throws IOException {
    Path script = script("chatty.py", """
        import sys
        sys.stdin.read()
        print("score: 0.7")
        """);
    EvaluationException e = assertThrows(EvaluationException.class, () -> run(script, 20_000));
    assertEquals("command " + python + " did not answer with a JSON object: score: 0.7", e.getMessage());
  }

  @Test
  void aMissingProgram_fails_andBadSpecsAreInvalidInput() {
    EvaluationException e = assertThrows(EvaluationException.class, () -> Evaluators.prepare(
        new CommandSpec("x", null, null, List.of(dir.resolve("nope").toString()), null, 1_000L), null)
        .evaluate(db.subjects.span(ALL, PROJECT, RAG1_LLM)));
    assertTrue(e.getMessage().contains("could not be started"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> Evaluators.validate(new CommandSpec("x", null, null, List.of(), null, null)));
    assertThrows(InvalidInputException.class,
        () -> Evaluators.validate(new CommandSpec("x", null, null, List.of("true"), Map.of("A=B", "c"), null)));
    assertThrows(InvalidInputException.class,
        () -> Evaluators.validate(new CommandSpec("x", null, null, List.of("true"), null, 3_600_000L)));
  }

  private EvalOutcome run(Path script, long timeoutMs) throws EvaluationException {
    return Evaluators.prepare(new CommandSpec("x", null, null, List.of(python, script.toString()), null, timeoutMs), null)
        .evaluate(db.subjects.span(ALL, PROJECT, RAG1_LLM));
  }

  private static Path script(String name, String body) throws IOException {
    return Files.writeString(dir.resolve(name), body);
  }

  /** The real interpreter behind {@code program} on PATH (pyenv's shim is a shell script that adds variables). */
  private static String which(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(d, program);
      if (Files.isExecutable(p)) {
        try {
          Process proc = new ProcessBuilder(p.toString(), "-c", "import sys; print(sys.executable)").start();
          String exe = new String(proc.getInputStream().readAllBytes()).strip();
          if (proc.waitFor() == 0 && !exe.isEmpty()) {
            return exe;
          }
        } catch (IOException e) {
          continue;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    assumeTrue(false, program + " is not installed");
    return null;
  }
}
