package dev.assay.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Asks a person before something that cannot be undone. With {@code --force} nothing is asked. Without a
 * terminal nobody can answer, so the command refuses with exit 2 instead of guessing: scripts and agents
 * must say {@code --force} explicitly.
 */
public final class Confirmation {
  private Confirmation() {}

  /**
   * Checks, before any work is done, that the action may be confirmed: {@code --force} was given or a person
   * can be asked.
   *
   * @param what the action, e.g. "delete project 'demo'"
   * @throws CliException exit 2 without {@code --force} and without a terminal
   */
  public static void requireForceOrTerminal(CliEnvironment env, boolean force, String what) {
    if (!force && !env.interactive()) {
      throw CliException.usage("refusing to " + what + " without confirmation: no terminal to ask on; pass --force");
    }
  }

  /**
   * Asks on stderr and reads the answer from stdin; returns normally on "y" or "yes".
   *
   * @throws CliException exit 1 when the person declines
   */
  public static void ask(CliEnvironment env, PrintWriter err, String what) {
    err.print("Really " + what + "? This cannot be undone. [y/N] ");
    err.flush();
    String answer;
    try {
      // Not closed: closing would close the process's stdin.
      answer = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      answer = null;
    }
    String normalised = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
    if (!normalised.equals("y") && !normalised.equals("yes")) {
      throw CliException.failure("cancelled: did not " + what);
    }
  }
}
