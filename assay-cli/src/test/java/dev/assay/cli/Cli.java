package dev.assay.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@code assay} in-process through {@link AssayMain#commandLine(CliEnvironment)} with a private home
 * directory, environment and stdin: no test reads the real home or environment.
 */
public final class Cli {
  /** One run: the exit code and everything written to stdout and stderr. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Path home;
  private final Path workingDir;
  private final Map<String, String> env = new HashMap<>();
  private boolean interactive;
  private String stdin = "";

  public Cli(Path tmp) {
    try {
      this.home = Files.createDirectories(tmp.resolve("home"));
      this.workingDir = Files.createDirectories(tmp.resolve("work"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** As if at a terminal, typing {@code input}. */
  public Cli terminal(String input) {
    this.interactive = true;
    this.stdin = input;
    return this;
  }

  /** Without a terminal, with {@code input} on stdin (piped input). */
  public Cli stdin(String input) {
    this.stdin = input;
    return this;
  }

  public Path home() {
    return home;
  }

  public Path workingDir() {
    return workingDir;
  }

  public Result run(String... args) {
    CliEnvironment environment = new CliEnvironment(env, home, workingDir,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), interactive);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = AssayMain.commandLine(environment).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
