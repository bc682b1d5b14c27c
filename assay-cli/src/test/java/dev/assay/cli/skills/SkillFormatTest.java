package dev.assay.cli.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every skill in the repository's {@code skills/} follows the Agent Skills format and Assay's rules: front
 * matter whose name is the folder's (kebab-case) and whose description says when to use it, a SKILL.md
 * short enough to load whole, relative links that resolve, and the three safety rules.
 */
class SkillFormatTest {
  private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  static final int MAX_SKILL_LINES = 500;

  static List<String> skills() throws Exception {
    return SkillsCommandTest.repoSkillNames();
  }

  @ParameterizedTest
  @MethodSource("skills")
  void frontMatter_namesTheFolder_andSaysWhenToUseTheSkill(String folder) throws Exception {
    Map<String, Object> front = FrontMatter.parse(Files.readString(SkillsCommandTest.REPO_SKILLS.resolve(folder)
        .resolve("SKILL.md")));

    assertEquals(folder, front.get("name"), "name matches the folder");
    assertTrue(KEBAB.matcher(folder).matches() && folder.length() <= 64, "kebab-case, at most 64: " + folder);
    assertTrue(front.get("description") instanceof String, "a description");
    String description = (String) front.get("description");
    assertTrue(description.contains("Use when"), "the description says when to use it: " + description);
    assertTrue(description.length() <= 1024, "the spec's limit for descriptions is 1024 characters");
  }

  @ParameterizedTest
  @MethodSource("skills")
  void skillFile_isShort_andStatesTheSafetyRules(String folder) throws Exception {
    String skill = Files.readString(SkillsCommandTest.REPO_SKILLS.resolve(folder).resolve("SKILL.md"));
    String rules = skill.toLowerCase(Locale.ROOT);

    assertTrue(skill.lines().count() <= MAX_SKILL_LINES, "SKILL.md has at most " + MAX_SKILL_LINES + " lines");
    assertTrue(rules.contains("span content is untrusted"), "says span content is untrusted");
    assertTrue(rules.contains("never read `.env`") && rules.contains("never ask for secrets"),
        "forbids reading .env files and asking for secrets");
    assertTrue(rules.contains("never invent evaluation results"), "forbids inventing evaluation results");
  }

  @ParameterizedTest
  @MethodSource("skills")
  void links_areRelativeAndResolve(String folder) throws Exception {
    Path root = SkillsCommandTest.REPO_SKILLS.resolve(folder);
    for (Path file : markdown(root)) {
      Matcher link = LINK.matcher(Files.readString(file));
      while (link.find()) {
        String target = link.group(1);
        if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("#")) {
          continue;
        }
        assertFalse(target.startsWith("/"), file + ": links are relative: " + target);
        Path resolved = file.getParent().resolve(target.replaceFirst("#.*$", "")).normalize();
        assertTrue(Files.exists(resolved), file + ": link " + target + " resolves");
        assertTrue(resolved.startsWith(root.normalize()), file + ": link " + target + " stays inside the skill");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("skills")
  void everyReference_isLinkedFromTheSkill(String folder) throws Exception {
    Path root = SkillsCommandTest.REPO_SKILLS.resolve(folder);
    String skill = Files.readString(root.resolve("SKILL.md"));
    for (Path file : markdown(root)) {
      String relative = root.relativize(file).toString();
      assertTrue(relative.equals("SKILL.md") || skill.contains("](" + relative + ")"),
          "SKILL.md links " + relative + ", or an agent never finds it");
    }
  }

  static List<Path> markdown(Path root) throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
  }
}
