package dev.assay.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The seed corpus of notable inputs under {@code src/test/resources/fuzz/<target>/}, replayed before generated ones. */
final class FuzzCorpus {
  private FuzzCorpus() {}

  /** The files of {@code target} ending with {@code suffix}, in name order. */
  static List<byte[]> bytes(String target, String suffix) {
    Path dir = Path.of("src", "test", "resources", "fuzz", target);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().map(FuzzCorpus::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
