package dev.assay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table is the documentation of {@link ConfigKey}; this keeps them equal. */
class ReadmeConfigTableTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String HEADER = "| Environment | File key | Flag | Default | Meaning |";

  static String row(ConfigKey key) {
    return "| `" + key.env() + "` | " + code(key.fileKey().orElse(null)) + " | " + code(key.flag().orElse(null))
        + " | `" + key.defaultValue() + "` | " + key.description() + " |";
  }

  private static String code(String value) {
    return value == null ? "—" : "`" + value + "`";
  }

  @Test
  void readmeTableListsEveryConfigKeyExactly() throws IOException {
    List<String> lines = Files.readAllLines(README);
    int header = lines.indexOf(HEADER);
    List<String> documented = lines.subList(header + 2, lines.size()).stream()
        .takeWhile(l -> l.startsWith("|"))
        .toList();
    List<String> expected = Arrays.stream(ConfigKey.values()).map(ReadmeConfigTableTest::row).toList();

    assertEquals(String.join("\n", expected), String.join("\n", documented),
        "README.md's configuration table must match ConfigKey; replace its rows with the expected text");
  }
}
