package dev.assay.config;

import dev.assay.store.DatabaseTarget;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for raw setting values; each failure is a {@link ConfigException} naming the setting and its source. */
final class ConfigValues {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

  private ConfigValues() {}

  static String host(Setting s) {
    String host = s.value().strip();
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new ConfigException(s.describe() + " is not a host name or IP address");
    }
    return host;
  }

  static int port(Setting s) {
    return integer(s, 0, 65_535, "a port number (0-65535)");
  }

  static int integer(Setting s, int min, int max) {
    return integer(s, min, max, "a whole number from " + min + " to " + max);
  }

  private static int integer(Setting s, int min, int max, String expected) {
    long value;
    try {
      value = Long.parseLong(s.value().strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(s.describe() + " is not " + expected);
    }
    if (value < min || value > max) {
      throw new ConfigException(s.describe() + " is out of range: use " + expected);
    }
    return (int) value;
  }

  /** Bytes: a plain number, or a number with B, KiB, MiB or GiB. */
  static long size(Setting s) {
    Matcher m = SIZE.matcher(s.value().strip());
    if (!m.matches()) {
      throw new ConfigException(s.describe() + " is not a size: use bytes, or a number with KiB, MiB or GiB (e.g. 32MiB)");
    }
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long factor = switch (unit) {
      case "kib" -> 1L << 10;
      case "mib" -> 1L << 20;
      case "gib" -> 1L << 30;
      default -> 1L;
    };
    try {
      long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), factor);
      if (bytes < 1) {
        throw new ConfigException(s.describe() + " must be at least 1 byte");
      }
      return bytes;
    } catch (ArithmeticException | NumberFormatException e) {
      throw new ConfigException(s.describe() + " is too large");
    }
  }

  /** A duration: a number with ms, s, m or h (seconds when no unit), or ISO-8601 such as PT10S. */
  static Duration duration(Setting s) {
    String raw = s.value().strip();
    if (raw.regionMatches(true, 0, "PT", 0, 2)) {
      try {
        Duration d = Duration.parse(raw.toUpperCase(Locale.ROOT));
        if (!d.isNegative()) {
          return d;
        }
      } catch (DateTimeParseException e) {
        // falls through to the common message
      }
    }
    Matcher m = DURATION.matcher(raw);
    if (!m.matches()) {
      throw new ConfigException(s.describe() + " is not a duration: use e.g. 500ms, 10s, 2m");
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new ConfigException(s.describe() + " is too large");
    }
    String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  static DatabaseTarget database(Setting s) {
    try {
      return DatabaseTarget.parse(s.value());
    } catch (IllegalArgumentException e) {
      // DatabaseTarget's messages never contain the password; the raw value is not repeated here for that reason.
      throw new ConfigException("bad database URL from " + s.origin() + ": " + e.getMessage());
    }
  }

  /** Expands a leading {@code ~} and makes the path absolute. */
  static Path path(String raw, Path userHome) {
    String value = raw.strip();
    Path path;
    if (value.equals("~")) {
      path = userHome;
    } else if (value.startsWith("~/")) {
      path = userHome.resolve(value.substring(2));
    } else {
      path = Path.of(value);
    }
    return path.toAbsolutePath().normalize();
  }

  /** Creates {@code dir} if needed and proves it writable by creating and deleting a file in it. */
  static void requireWritableDirectory(Path dir, Setting s) {
    String fix = "; set " + ConfigKey.WORKING_DIR.howToSet() + " to a writable directory";
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      throw new ConfigException("cannot create the working directory " + dir + " (from " + s.origin() + "): "
          + reason(e) + fix, e);
    }
    try {
      Path probe = Files.createTempFile(dir, ".assay-write-check-", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new ConfigException("the working directory " + dir + " (from " + s.origin() + ") is not writable: "
          + reason(e) + fix, e);
    }
  }

  private static String reason(Exception e) {
    return switch (e) {
      case FileAlreadyExistsException f -> f.getFile() + " exists and is not a directory";
      case AccessDeniedException a -> "permission denied on " + a.getFile();
      case FileSystemException f when f.getReason() != null -> f.getReason() + " (" + f.getFile() + ")";
      default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    };
  }
}
