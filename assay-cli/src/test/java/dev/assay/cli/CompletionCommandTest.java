package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay completion}: picocli's generated script, which bash accepts and which completes Assay's nouns. */
class CompletionCommandTest {
  @TempDir Path tmp;

  @Test
  void bash_scriptCompletesTheNounsAndVerbs_andBashSourcesItCleanly() throws Exception {
    Cli.Result result = new Cli(tmp).run("completion", "bash");
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    String script = result.out();
    assertTrue(script.contains("complete -F _complete_assay"), "registers a completion function");
    for (String word : new String[] {"projects", "profiles", "skills", "spaces", "server", "delete", "--force",
        "auth", "login", "logout", "api-keys", "refresh", "users", "reset-password", "grant", "--password-stdin",
        "webhooks", "deliveries"}) {
      assertTrue(script.contains(word), "completes " + word);
    }

    Path file = Files.writeString(tmp.resolve("assay-completion.bash"), script);
    // Source it and ask for completions of "assay pro", as bash does on <TAB>.
    Process bash = new ProcessBuilder("bash", "-c", "source '" + file + "' && COMP_WORDS=(assay pro) COMP_CWORD=1 "
        + "COMP_LINE='assay pro' COMP_POINT=9 && _complete_assay && printf '%s\\n' \"${COMPREPLY[@]}\"")
        .redirectErrorStream(true).start();
    assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
    String completions = new String(bash.getInputStream().readAllBytes());
    assertEquals(0, bash.exitValue(), completions);
    assertEquals("profiles\nprojects\nprompts\n", completions.lines().sorted().map(l -> l + "\n").reduce("", String::concat));
  }

  @Test
  void zsh_loadsBashCompatibilityFirst() {
    Cli.Result result = new Cli(tmp).run("completion", "zsh");

    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    assertTrue(result.out().startsWith(CompletionCommand.ZSH_PREAMBLE), result.out());
  }

  @Test
  void unknownShell_isAUsageError() {
    Cli.Result result = new Cli(tmp).run("completion", "fish");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().startsWith("assay: Invalid value for positional parameter at index 0 (SHELL): "
        + "expected one of [bash, zsh]"), result.err());
  }
}
