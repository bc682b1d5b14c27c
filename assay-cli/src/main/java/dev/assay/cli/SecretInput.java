package dev.assay.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Reads a password or key that must never be an argument (arguments show in {@code ps} and shell history) and is
 * never echoed: piped on stdin, from an environment variable, or typed at a terminal without echo.
 */
public final class SecretInput {
  /** The variable {@code assay auth login} reads the password from when it is not piped. */
  public static final String PASSWORD_ENV = "ASSAY_PASSWORD";

  private SecretInput() {}

  /**
   * A password: the first line of stdin with {@code fromStdin}; else {@code ASSAY_PASSWORD} when set (an explicit
   * choice of the person who set it); else asked at the terminal without echo.
   *
   * @param what what is asked for, e.g. "Password for ada@example.com"
   * @throws CliException exit 2 when there is no password and nobody to ask
   */
  public static String password(CliEnvironment env, PrintWriter err, boolean fromStdin, String what) {
    if (fromStdin) {
      return stdinLine(env, "the password");
    }
    String fromEnv = env.get(PASSWORD_ENV);
    if (fromEnv != null) {
      return fromEnv;
    }
    if (!env.interactive()) {
      throw CliException.usage("no password: pipe it with --password-stdin or set " + PASSWORD_ENV
          + " (no terminal to ask on)");
    }
    String typed = prompt(env, err, what + ": ", true);
    if (typed == null || typed.isEmpty()) {
      throw CliException.usage("no password given");
    }
    return typed;
  }

  /** The first line of stdin without its line end; exit 2 when stdin is empty. */
  public static String stdinLine(CliEnvironment env, String what) {
    String line = readLine(env);
    if (line == null || line.isEmpty()) {
      throw CliException.usage("expected " + what + " on stdin, got nothing");
    }
    return line;
  }

  /**
   * Asks on stderr and reads one line: without echo through the process's console when stdin is the real one, else
   * from {@link CliEnvironment#stdin()} (tests type their answers there).
   *
   * @return the answer, or null at the end of input
   */
  public static String prompt(CliEnvironment env, PrintWriter err, String question, boolean secret) {
    Console console = System.console();
    if (env.stdin() == System.in && console != null) {
      if (secret) {
        char[] typed = console.readPassword("%s", question);
        return typed == null ? null : new String(typed);
      }
      return console.readLine("%s", question);
    }
    err.print(question);
    err.flush();
    return readLine(env);
  }

  private static String readLine(CliEnvironment env) {
    try {
      // Not closed: closing would close the process's stdin.
      return new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      throw CliException.failure("cannot read stdin: " + e.getMessage());
    }
  }
}
