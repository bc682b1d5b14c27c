package dev.assay.cli.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay skills list|install}: the skills the build bundled, written where each agent reads them. */
class SkillsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Path REPO_SKILLS = Path.of("..", "skills");

  @TempDir Path tmp;
  private Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(tmp);
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    return result;
  }

  @Test
  void list_showsEveryRepositorySkillWithItsDescription() throws Exception {
    JsonNode rows = JSON.readTree(ok("skills", "list", "-o", "json").out());

    List<String> names = new ArrayList<>();
    rows.forEach(row -> names.add(row.get("name").asText()));
    assertEquals(repoSkillNames(), names);
    rows.forEach(row -> assertTrue(row.get("description").asText().contains("Use when"), row.toString()));
  }

  @Test
  void install_forClaudeCode_writesTheRepositorySkillsByteForByte() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("project"));

    Cli.Result result = ok("skills", "install", "--agent", "claude-code", "--project-dir", project.toString(), "-o", "json");

    Path installed = project.resolve(".claude/skills");
    for (String name : repoSkillNames()) {
      assertSameTree(REPO_SKILLS.resolve(name), installed.resolve(name));
    }
    JsonNode rows = JSON.readTree(result.out());
    assertEquals("installed", rows.get(0).get("status").asText());
    assertEquals(installed.resolve(rows.get(0).get("skill").asText()).toString(), rows.get(0).get("path").asText());
  }

  @Test
  void install_defaultsToTheWorkingDirectory_andEachAgentHasItsFolder() {
    ok("skills", "install", "--agent", "cursor");
    ok("skills", "install", "--agent", "CODEX");
    ok("skills", "install", "--agent", "windsurf");

    for (String folder : List.of(".cursor/skills", ".codex/skills", ".windsurf/skills")) {
      assertTrue(Files.isRegularFile(cli.workingDir().resolve(folder).resolve("assay-setup/SKILL.md")), folder);
    }
  }

  @Test
  void global_installsBelowTheHomeDirectory() {
    ok("skills", "install", "--agent", "claude-code", "--global");
    ok("skills", "install", "--agent", "windsurf", "--global");

    assertTrue(Files.isRegularFile(cli.home().resolve(".claude/skills/assay-setup/SKILL.md")));
    assertTrue(Files.isRegularFile(cli.home().resolve(".codeium/windsurf/skills/assay-setup/SKILL.md")));
    assertFalse(Files.exists(cli.workingDir().resolve(".claude")));

    Cli.Result both = cli.run("skills", "install", "--agent", "cursor", "--global", "--project-dir", ".");
    assertEquals(ExitCodes.USAGE, both.exitCode(), both.toString());
  }

  @Test
  void reinstall_leavesAnUnchangedSkillAlone_andRefusesToOverwriteAnEditedOneWithoutForce() throws Exception {
    ok("skills", "install", "--agent", "claude-code");
    Path skill = cli.workingDir().resolve(".claude/skills/assay-setup");

    assertTrue(ok("skills", "install", "--agent", "claude-code").out().contains("unchanged"));

    Files.writeString(skill.resolve("SKILL.md"), "edited by hand\n");
    Files.writeString(skill.resolve("notes.md"), "mine\n");
    Cli.Result refused = cli.run("skills", "install", "--agent", "claude-code");
    assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.toString());
    assertEquals("assay: not replacing " + skill + ": it differs from the bundled skill (edited, or from another "
        + "assay version); pass --force to replace it\n", refused.err());
    assertEquals("edited by hand\n", Files.readString(skill.resolve("SKILL.md")), "nothing written");

    assertTrue(ok("skills", "install", "--agent", "claude-code", "--force").out().contains("updated"));
    assertSameTree(REPO_SKILLS.resolve("assay-setup"), skill);
  }

  @Test
  void unknownAgent_isAUsageErrorListingTheAgents() {
    Cli.Result result = cli.run("skills", "install", "--agent", "vim");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().contains("'vim' is not an agent; expected one of claude-code, cursor, codex, windsurf"),
        result.err());
  }

  static List<String> repoSkillNames() throws Exception {
    try (Stream<Path> folders = Files.list(REPO_SKILLS)) {
      return folders.filter(f -> Files.isRegularFile(f.resolve("SKILL.md"))).map(f -> f.getFileName().toString())
          .sorted().toList();
    }
  }

  private static void assertSameTree(Path expected, Path actual) throws Exception {
    List<String> expectedFiles = files(expected);
    assertEquals(expectedFiles, files(actual));
    for (String file : expectedFiles) {
      assertEquals(Files.readString(expected.resolve(file)), Files.readString(actual.resolve(file)), file);
    }
  }

  private static List<String> files(Path root) throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }
}
