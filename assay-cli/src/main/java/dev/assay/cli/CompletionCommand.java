package dev.assay.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code assay completion}: prints the shell completion script that picocli generates from the command tree. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {"Print a shell completion script for assay.",
        "bash: source <(assay completion bash)   (or save it under /etc/bash_completion.d/)",
        "zsh:  source <(assay completion zsh)    (in ~/.zshrc)"})
public final class CompletionCommand implements Callable<Integer> {
  /** zsh runs bash completion scripts through bashcompinit; picocli's script expects it loaded. */
  static final String ZSH_PREAMBLE = """
      autoload -U +X compinit && compinit
      autoload -U +X bashcompinit && bashcompinit
      """;

  enum Shell {
    bash, zsh
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "${COMPLETION-CANDIDATES} (default: bash).")
  Shell shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("assay", spec.root().commandLine());
    PrintWriter out = spec.commandLine().getOut();
    if (shell == Shell.zsh) {
      out.print(ZSH_PREAMBLE);
    }
    out.print(script);
    out.flush();
    return ExitCodes.OK;
  }
}
