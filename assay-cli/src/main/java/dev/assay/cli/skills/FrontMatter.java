package dev.assay.cli.skills;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The YAML front matter of a Markdown file: the lines between a first line {@code ---} and the next {@code ---}. */
public final class FrontMatter {
  private static final YAMLMapper YAML = new YAMLMapper();

  private FrontMatter() {}

  /**
   * The front matter as a map.
   *
   * @throws IllegalArgumentException when there is none or it is not a YAML mapping
   */
  public static Map<String, Object> parse(String markdown) {
    List<String> lines = markdown.lines().toList();
    if (lines.isEmpty() || !lines.getFirst().strip().equals("---")) {
      throw new IllegalArgumentException("no front matter: the first line must be ---");
    }
    int end = -1;
    for (int i = 1; i < lines.size() && end < 0; i++) {
      if (lines.get(i).strip().equals("---")) {
        end = i;
      }
    }
    if (end < 0) {
      throw new IllegalArgumentException("the front matter has no closing ---");
    }
    try {
      Map<String, Object> map = YAML.readValue(String.join("\n", lines.subList(1, end)), new TypeReference<>() {});
      if (map == null) {
        throw new IllegalArgumentException("the front matter is empty");
      }
      return map;
    } catch (IOException e) {
      throw new IllegalArgumentException("the front matter is not a YAML mapping: " + e.getMessage(), e);
    }
  }

  /** The Markdown after the front matter. */
  public static String body(String markdown) {
    List<String> lines = markdown.lines().toList();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("---")) {
        return String.join("\n", lines.subList(i + 1, lines.size()));
      }
    }
    return markdown;
  }
}
