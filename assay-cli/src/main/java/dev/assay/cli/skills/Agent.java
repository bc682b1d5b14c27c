package dev.assay.cli.skills;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The coding agents {@code assay skills install} knows, with the folders each reads skills from: one inside
 * a project and one in the user's home ({@code --global}).
 */
public enum Agent {
  CLAUDE_CODE(".claude/skills", ".claude/skills"),
  CURSOR(".cursor/skills", ".cursor/skills"),
  CODEX(".codex/skills", ".codex/skills"),
  // Windsurf reads user-level skills from ~/.codeium/windsurf/skills, not ~/.windsurf/skills.
  WINDSURF(".windsurf/skills", ".codeium/windsurf/skills");

  private final String projectDir;
  private final String globalDir;

  Agent(String projectDir, String globalDir) {
    this.projectDir = projectDir;
    this.globalDir = globalDir;
  }

  /** The folder that receives the skills: below {@code base}, the project or (for global) the home directory. */
  public Path skillsDir(Path base, boolean global) {
    return base.resolve(global ? globalDir : projectDir);
  }

  /** The name on the command line, e.g. {@code claude-code}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses the command-line name; picocli's enum matching would want {@code CLAUDE_CODE}. */
  static final class Converter implements CommandLine.ITypeConverter<Agent> {
    @Override
    public Agent convert(String value) {
      return Arrays.stream(values()).filter(a -> a.toString().equalsIgnoreCase(value.strip())).findFirst()
          .orElseThrow(() -> new CommandLine.TypeConversionException("'" + value + "' is not an agent; expected one of "
              + Arrays.stream(values()).map(Agent::toString).collect(Collectors.joining(", "))));
    }
  }
}
