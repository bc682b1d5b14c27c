package dev.assay.cli.skills;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell examples of a skill file: every {@code ```bash} block, split into commands (one per line; a line
 * ending in {@code \} continues on the next; blank lines and whole-line comments are not commands). Marks,
 * as trailing comments:
 *
 * <ul>
 *   <li>{@code # expect-exit: N} — the command must exit with N (e.g. to show an error);
 *   <li>{@code # runner: skip (reason)} — not run, e.g. because it starts a server or installs Assay. As the
 *       first line of a block it skips the whole block. The reason is required.
 * </ul>
 */
final class SkillExamples {
  private static final Pattern EXPECT = Pattern.compile("#\\s*expect-exit:\\s*(\\d+)\\b");
  private static final Pattern SKIP = Pattern.compile("#\\s*runner:\\s*skip\\b\\s*(\\((.+)\\))?");
  private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*(\\S*)\\s*$");

  /** One command to run. */
  record Example(String file, int line, String command, int expectedExit, String skipReason) {
    boolean skipped() {
      return skipReason != null;
    }

    @Override
    public String toString() {
      return file + ":" + line + ": " + command;
    }
  }

  private SkillExamples() {}

  static List<Example> parse(String file, String markdown) {
    List<Example> examples = new ArrayList<>();
    List<String> lines = markdown.lines().toList();
    boolean inBash = false;
    boolean inOtherFence = false;
    String blockSkip = null;
    boolean firstInBlock = false;
    StringBuilder pending = null;
    int pendingLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher fence = FENCE.matcher(line);
      if (!inBash && !inOtherFence && fence.matches()) {
        inBash = fence.group(1).equals("bash");
        inOtherFence = !inBash;
        blockSkip = null;
        firstInBlock = true;
        continue;
      }
      if (fence.matches() && fence.group(1).isEmpty()) {
        if (pending != null) {
          throw new IllegalArgumentException(file + ":" + pendingLine + ": the block ends inside a continued command");
        }
        inBash = false;
        inOtherFence = false;
        continue;
      }
      if (!inBash) {
        continue;
      }
      String stripped = line.strip();
      if (pending == null && (stripped.isEmpty() || stripped.startsWith("#"))) {
        if (firstInBlock && stripped.startsWith("#")) {
          blockSkip = skipReason(file, i + 1, stripped);
        }
        firstInBlock = false;
        continue;
      }
      firstInBlock = false;
      if (pending == null) {
        pending = new StringBuilder();
        pendingLine = i + 1;
      }
      if (stripped.endsWith("\\")) {
        pending.append(stripped.substring(0, stripped.length() - 1).stripTrailing()).append(' ');
        continue;
      }
      pending.append(stripped);
      String command = pending.toString();
      pending = null;
      String skip = blockSkip != null ? blockSkip : skipReason(file, pendingLine, command);
      Matcher expect = EXPECT.matcher(command);
      examples.add(new Example(file, pendingLine, command, expect.find() ? Integer.parseInt(expect.group(1)) : 0, skip));
    }
    if (inBash) {
      throw new IllegalArgumentException(file + ": a ```bash block is not closed");
    }
    return examples;
  }

  private static String skipReason(String file, int line, String text) {
    Matcher skip = SKIP.matcher(text);
    if (!skip.find()) {
      return null;
    }
    if (skip.group(2) == null || skip.group(2).isBlank()) {
      throw new IllegalArgumentException(file + ":" + line + ": '# runner: skip' needs a reason in parentheses");
    }
    return skip.group(2).strip();
  }
}
