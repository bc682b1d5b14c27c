package dev.assay.cli.skills;

import dev.assay.cli.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The skills bundled with the CLI: the repository's {@code skills/} folder, copied by the build to
 * {@code skills/} inside the CLI's classes (a folder when run from a build, the jar when packaged). A
 * classpath folder cannot be listed portably, so the catalog reads the code source (folder or jar) directly.
 */
public final class SkillCatalog {
  static final String ROOT = "skills";

  private final List<Skill> skills;

  SkillCatalog(List<Skill> skills) {
    this.skills = List.copyOf(skills);
  }

  public List<Skill> skills() {
    return skills;
  }

  public Optional<Skill> find(String name) {
    return skills.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The skills inside the CLI's own classes folder or jar. */
  public static SkillCatalog bundled() {
    Path codeSource;
    try {
      codeSource = Path.of(SkillCatalog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw CliException.failure("cannot locate the bundled skills: " + e);
    }
    if (Files.isDirectory(codeSource)) {
      return fromDirectory(codeSource.resolve(ROOT));
    }
    try (FileSystem jar = FileSystems.newFileSystem(codeSource)) {
      return fromDirectory(jar.getPath("/" + ROOT));
    } catch (IOException e) {
      throw CliException.failure("cannot read the bundled skills from " + codeSource + ": " + e.getMessage());
    }
  }

  /** Every folder with a SKILL.md directly under {@code root}, in name order; all files read into memory. */
  public static SkillCatalog fromDirectory(Path root) {
    if (!Files.isDirectory(root)) {
      throw CliException.failure("no skills found: " + root + " is missing (was the CLI built without them?)");
    }
    List<Skill> skills = new ArrayList<>();
    try (Stream<Path> folders = Files.list(root)) {
      for (Path folder : folders.sorted().toList()) {
        if (Files.isRegularFile(folder.resolve(Skill.SKILL_FILE))) {
          skills.add(read(folder));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read skills from " + root, e);
    }
    return new SkillCatalog(skills);
  }

  private static Skill read(Path folder) throws IOException {
    TreeMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        files.put(folder.relativize(file).toString().replace(folder.getFileSystem().getSeparator(), "/"),
            Files.readAllBytes(file));
      }
    }
    String folderName = folder.getFileName().toString().replace("/", "");
    String markdown = new String(files.get(Skill.SKILL_FILE), StandardCharsets.UTF_8);
    try {
      return new Skill(folderName, FrontMatter.parse(markdown), files);
    } catch (IllegalArgumentException e) {
      throw CliException.failure("bad skill " + folderName + ": " + e.getMessage());
    }
  }
}
