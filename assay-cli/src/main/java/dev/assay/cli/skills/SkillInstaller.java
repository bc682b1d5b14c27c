package dev.assay.cli.skills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.assay.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes skills into an agent's skills folder, one sub-folder per skill. Every skill is checked before
 * anything is written, so a refused install changes nothing.
 */
final class SkillInstaller {
  private final Path skillsDir;

  SkillInstaller(Path skillsDir) {
    this.skillsDir = skillsDir.toAbsolutePath().normalize();
  }

  /**
   * @return one row per skill: {@code skill}, {@code status} (installed, updated or unchanged) and {@code path}
   * @throws CliException exit 2 when an installed skill differs and {@code force} is false
   */
  List<JsonNode> install(List<Skill> skills, boolean force) {
    List<Planned> plan = new ArrayList<>();
    for (Skill skill : skills) {
      Path dir = folder(skill);
      String status = !Files.exists(dir) ? "installed" : sameContent(dir, skill) ? "unchanged" : "updated";
      plan.add(new Planned(skill, dir, status));
    }
    List<String> differing = plan.stream().filter(p -> p.status().equals("updated")).map(p -> p.dir().toString()).toList();
    if (!differing.isEmpty() && !force) {
      throw CliException.usage("not replacing " + String.join(", ", differing)
          + ": it differs from the bundled skill (edited, or from another assay version); pass --force to replace it");
    }
    List<JsonNode> rows = new ArrayList<>();
    for (Planned planned : plan) {
      if (!planned.status().equals("unchanged")) {
        write(planned.dir(), planned.skill());
      }
      rows.add(JsonNodeFactory.instance.objectNode().put("skill", planned.skill().name()).put("status", planned.status())
          .put("path", planned.dir().toString()));
    }
    return rows;
  }

  private record Planned(Skill skill, Path dir, String status) {}

  private Path folder(Skill skill) {
    Path dir = skillsDir.resolve(skill.name()).normalize();
    if (!dir.getParent().equals(skillsDir)) {
      throw CliException.failure("bad skill name '" + skill.name() + "'");
    }
    return dir;
  }

  private static boolean sameContent(Path dir, Skill skill) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    Map<String, byte[]> installed = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        installed.put(dir.relativize(file).toString().replace(dir.getFileSystem().getSeparator(), "/"),
            Files.readAllBytes(file));
      }
    } catch (IOException e) {
      return false;
    }
    return installed.keySet().equals(skill.files().keySet())
        && installed.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), skill.files().get(e.getKey())));
  }

  private static void write(Path dir, Skill skill) {
    try {
      deleteRecursively(dir);
      for (Map.Entry<String, byte[]> file : skill.files().entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.write(path, file.getValue());
      }
    } catch (IOException e) {
      throw CliException.failure("cannot write " + dir + ": " + e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
