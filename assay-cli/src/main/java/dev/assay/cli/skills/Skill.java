package dev.assay.cli.skills;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One Agent Skill: a folder with {@code SKILL.md} (YAML front matter {@code name} and {@code description})
 * and its {@code references/}.
 *
 * @param folder the folder's name (equal to {@code name} in a valid skill)
 * @param frontMatter the front matter of SKILL.md
 * @param files every file of the skill by its path relative to the folder ({@code /}-separated), sorted
 */
public record Skill(String folder, Map<String, Object> frontMatter, SortedMap<String, byte[]> files) {
  public static final String SKILL_FILE = "SKILL.md";

  public Skill {
    frontMatter = Map.copyOf(frontMatter);
    files = new TreeMap<>(files);
  }

  /** The front matter's name, else the folder's. */
  public String name() {
    return frontMatter.get("name") instanceof String s ? s : folder;
  }

  public String description() {
    return frontMatter.get("description") instanceof String s ? s.strip() : "";
  }
}
