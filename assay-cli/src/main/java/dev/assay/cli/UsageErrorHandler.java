package dev.assay.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A wrong command line (unknown command or option, missing or bad value) is one line on stderr, with a
 * suggestion for a likely typo and where to find the usage, and exit code 2. Printing the whole usage
 * would bury the one thing that is wrong.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    StringBuilder line = new StringBuilder("assay: ").append(message(e));
    if (e instanceof UnmatchedArgumentException unmatched) {
      List<String> suggestions = suggestions(unmatched);
      if (!suggestions.isEmpty()) {
        line.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
      }
    }
    line.append("; see '").append(commandLine.getCommandSpec().qualifiedName()).append(" --help'");
    err.println(line);
    err.flush();
    return ExitCodes.USAGE;
  }

  /** Picocli's message, except for the two cases where it speaks of arguments rather than commands. */
  static String message(ParameterException e) {
    CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
    boolean hasCommands = !spec.subcommands().isEmpty();
    if (hasCommands && e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().getFirst().startsWith("-")) {
      return "unknown command '" + spec.qualifiedName() + " " + unmatched.getUnmatched().getFirst() + "'";
    }
    if (hasCommands && e.getMessage() != null && e.getMessage().startsWith("Missing required subcommand")) {
      List<String> commands = spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
      return "'" + spec.qualifiedName() + "' needs a command: " + String.join(", ", commands);
    }
    return e.getMessage();
  }

  /**
   * Close matches for the first unmatched argument. Picocli suggests subcommands by similarity but options
   * only by their first two letters, which misses transpositions such as {@code --nmae}; options are
   * matched here by edit distance instead.
   */
  static List<String> suggestions(UnmatchedArgumentException e) {
    List<String> unmatched = e.getUnmatched();
    if (unmatched.isEmpty() || !unmatched.getFirst().startsWith("-")) {
      return e.getSuggestions().stream().limit(3).toList();
    }
    String given = unmatched.getFirst().split("=", 2)[0];
    List<String> close = new ArrayList<>();
    for (OptionSpec option : e.getCommandLine().getCommandSpec().options()) {
      for (String name : option.names()) {
        if (name.length() > 2 && distance(given, name) <= Math.max(1, name.length() / 4)) {
          close.add(name);
        }
      }
    }
    return close.stream().limit(3).toList();
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
