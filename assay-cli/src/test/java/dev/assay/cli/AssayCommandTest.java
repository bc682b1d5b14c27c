package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.config.ConfigException;
import dev.assay.config.ConfigKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree in-process: usage errors, help, version, and how failures become exit codes. */
class AssayCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return AssayMain.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void unknownOption_isOneLineAndAUsageError() {
    assertEquals(ExitCodes.USAGE, run("server", "--bogus"));
    assertEquals("assay: Unknown option: '--bogus'; see 'assay server --help'" + System.lineSeparator(), err.toString());
  }

  @Test
  void misspelledOption_suggestsTheRightOne() {
    assertEquals(ExitCodes.USAGE, run("projects", "list", "--nmae", "x"));
    assertTrue(err.toString().startsWith("assay: Unknown options: '--nmae', 'x' (did you mean --name?); "
        + "see 'assay projects list --help'"), err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void optionWithoutItsValue_isAUsageError() {
    assertEquals(ExitCodes.USAGE, run("server", "--port"));
    assertTrue(err.toString().contains("Missing required parameter for option '--port'"), err.toString());
  }

  @Test
  void unknownCommand_isOneLineWithASuggestion() {
    assertEquals(ExitCodes.USAGE, run("serve"));
    // picocli suggests every name it finds near, in its own order; the closest one must come first.
    String line = err.toString();
    assertTrue(line.startsWith("assay: unknown command 'assay serve' (did you mean server"), line);
    assertTrue(line.endsWith("?); see 'assay --help'" + System.lineSeparator()), line);
    assertEquals(1, line.lines().count(), line);
  }

  @Test
  void unknownVerb_andMissingVerb_areUsageErrors() {
    assertEquals(ExitCodes.USAGE, run("projects", "lst"));
    assertEquals("assay: unknown command 'assay projects lst' (did you mean list?); see 'assay projects --help'"
        + System.lineSeparator(), err.toString());

    StringWriter missing = new StringWriter();
    int code = AssayMain.commandLine().setErr(new PrintWriter(missing)).execute("projects");
    assertEquals(ExitCodes.USAGE, code);
    assertEquals("assay: 'assay projects' needs a command: list, get, create, update, delete; "
        + "see 'assay projects --help'" + System.lineSeparator(), missing.toString());
  }

  @Test
  void authNouns_nameTheirVerbs() {
    for (String[] noun : new String[][] {{"auth", "login, logout, status, change-password"},
        {"api-keys", "list, create, refresh, revoke"},
        {"users", "list, get, create, update, delete, reset-password, grant, revoke"}}) {
      StringWriter missing = new StringWriter();
      assertEquals(ExitCodes.USAGE, AssayMain.commandLine().setErr(new PrintWriter(missing)).execute(noun[0]));
      assertEquals("assay: 'assay " + noun[0] + "' needs a command: " + noun[1] + "; see 'assay " + noun[0]
          + " --help'" + System.lineSeparator(), missing.toString());
    }
  }

  @Test
  void missingParameter_isAUsageError() {
    assertEquals(ExitCodes.USAGE, run("projects", "get"));
    assertTrue(err.toString().startsWith("assay: Missing required parameter: 'PROJECT'"), err.toString());
  }

  @Test
  void noCommand_printsUsageAndIsAUsageError() {
    assertEquals(ExitCodes.USAGE, run());
    assertTrue(err.toString().startsWith("assay: a command is required"), err.toString());
    assertTrue(err.toString().contains("Usage: assay"), err.toString());
  }

  @Test
  void help_listsCommandsAndTheExitCodes() {
    assertEquals(ExitCodes.OK, run("--help"));
    String help = out.toString();
    for (String command : new String[] {"server", "projects", "spaces", "tasks", "auth", "users", "api-keys", "webhooks",
        "profiles", "skills", "completion"}) {
      assertTrue(help.contains("  " + command + " "), "help lists " + command + ":\n" + help);
    }
    for (String code : new String[] {"0   success", "1   failure", "2   usage error", "3   not found",
        "4   the Assay server could not be reached", "5   authentication failed", "6   a waited-for task run FAILED",
        "7   a waited-for task run was CANCELLED", "8   timed out waiting for a task run"}) {
      assertTrue(help.contains(code), "help lists exit code '" + code + "':\n" + help);
    }
  }

  @Test
  void version_namesAssayAndTheJvm() {
    assertEquals(ExitCodes.OK, run("--version"));
    assertTrue(out.toString().startsWith("assay "), out.toString());
    assertTrue(out.toString().contains("Java " + Runtime.version().feature()), out.toString());
  }

  @Test
  void everySubcommand_printsTheSameVersion() {
    run("--version");
    String version = out.toString();
    out.getBuffer().setLength(0);

    assertEquals(ExitCodes.OK, run("projects", "list", "--version"));
    assertEquals(version, out.toString());
  }

  @Test
  void serverOptions_areExactlyTheConfigKeysWithAFlag() {
    CommandLine server = AssayMain.commandLine().getSubcommands().get("server");
    for (ConfigKey key : ConfigKey.values()) {
      key.flag().ifPresent(flag -> assertTrue(server.getCommandSpec().findOption(flag) != null,
          "assay server accepts " + flag));
    }
    long flagged = java.util.Arrays.stream(ConfigKey.values()).filter(k -> k.flag().isPresent()).count();
    // --help and --version come from mixinStandardHelpOptions
    assertEquals(flagged + 2, server.getCommandSpec().options().size());
  }

  @Test
  void serverFlags_areHandedToTheLoaderByKey() {
    CommandLine commandLine = AssayMain.commandLine();
    commandLine.parseArgs("server", "--port", "7000", "--database-url", "duckdb:/tmp/x.duckdb");
    ServerCommand server = commandLine.getSubcommands().get("server").getCommand();

    Map<ConfigKey, String> expected = new EnumMap<>(ConfigKey.class);
    expected.put(ConfigKey.PORT, "7000");
    expected.put(ConfigKey.DATABASE_URL, "duckdb:/tmp/x.duckdb");
    assertEquals(expected, server.flags());
  }

  @Test
  void explainedFailure_isOneLineAndExitCode1() {
    CommandLine commandLine = AssayMain.commandLine().setErr(new PrintWriter(err));

    int code = new FailureHandler().handleExecutionException(
        new ConfigException("ASSAY_PORT='x' is not a port number (0-65535)"), commandLine, null);

    assertEquals(ExitCodes.FAILURE, code);
    assertEquals("assay: ASSAY_PORT='x' is not a port number (0-65535)" + System.lineSeparator(), err.toString());
  }

  @Test
  void unexpectedFailure_namesItAndKeepsTheStackTraceForTheReport() {
    CommandLine commandLine = AssayMain.commandLine().setErr(new PrintWriter(err));

    int code = new FailureHandler().handleExecutionException(new IllegalStateException("bug"), commandLine, null);

    assertEquals(ExitCodes.FAILURE, code);
    assertTrue(err.toString().startsWith("assay: unexpected error: java.lang.IllegalStateException: bug"), err.toString());
    assertTrue(err.toString().contains("\tat "), "stack trace follows the line");
  }
}
