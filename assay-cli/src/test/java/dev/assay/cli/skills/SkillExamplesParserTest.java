package dev.assay.cli.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.cli.skills.SkillExamples.Example;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the example runner reads shell examples and their marks out of Markdown. */
class SkillExamplesParserTest {

  @Test
  void bashBlocks_becomeOneCommandPerLine_withMarks() {
    String markdown = """
        # Title

        ```bash
        # a comment
        assay projects list

        assay projects get nope  # expect-exit: 3
        assay server  # runner: skip (starts a server)
        ```

        ```toml
        active = "x"
        ```

        ```
        not bash either
        ```
        """;

    List<Example> examples = SkillExamples.parse("f.md", markdown);

    assertEquals(List.of(
        new Example("f.md", 5, "assay projects list", 0, null),
        new Example("f.md", 7, "assay projects get nope  # expect-exit: 3", 3, null),
        new Example("f.md", 8, "assay server  # runner: skip (starts a server)", 0, "starts a server")), examples);
  }

  @Test
  void continuedLines_joinIntoOneCommand() {
    List<Example> examples = SkillExamples.parse("f.md", """
        ```bash
        assay projects create \\
          demo
        ```
        """);

    assertEquals(List.of(new Example("f.md", 2, "assay projects create demo", 0, null)), examples);
  }

  @Test
  void aSkipMarkOnTheFirstLine_skipsTheWholeBlock() {
    List<Example> examples = SkillExamples.parse("f.md", """
        ```bash
        # runner: skip (installs Assay)
        git clone https://example.com/assay.git
        cd assay
        ```
        """);

    assertEquals(2, examples.size());
    assertTrue(examples.stream().allMatch(e -> e.skipReason().equals("installs Assay")));
  }

  @Test
  void aSkipWithoutReason_andAnUnclosedBlock_areErrors() {
    assertThrows(IllegalArgumentException.class, () -> SkillExamples.parse("f.md", "```bash\nx  # runner: skip\n```\n"));
    assertThrows(IllegalArgumentException.class, () -> SkillExamples.parse("f.md", "```bash\nassay projects list\n"));
  }
}
