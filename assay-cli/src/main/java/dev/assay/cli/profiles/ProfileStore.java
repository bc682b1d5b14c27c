package dev.assay.cli.profiles;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.assay.cli.CliException;
import dev.assay.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes the CLI's profiles, {@code <config dir>/config.toml}. The file can hold API keys, so it is
 * written owner-only (0600, in a 0700 directory where POSIX permissions exist), atomically through a
 * temporary file. A file that is not valid TOML or has unknown keys is a failure (exit 1) naming the file
 * and the line; commands that need no profile never read it.
 */
public final class ProfileStore {
  public static final String FILE_NAME = "config.toml";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

  private final TomlMapper toml = TomlMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  private final Path file;

  public ProfileStore(Path configDir) {
    this.file = configDir.resolve(FILE_NAME);
  }

  public Path file() {
    return file;
  }

  /** The profiles; {@link ProfilesFile#EMPTY} when the file does not exist. */
  public ProfilesFile load() {
    if (!Files.exists(file)) {
      return ProfilesFile.EMPTY;
    }
    try {
      ProfilesFile loaded = toml.readValue(file.toFile(), ProfilesFile.class);
      return loaded == null ? ProfilesFile.EMPTY : loaded;
    } catch (UnrecognizedPropertyException e) {
      throw CliException.failure("cannot read " + file + ": unknown key '" + e.getPropertyName() + "'" + where(e)
          + "; known keys are active and [profiles.NAME] with url, api_key, space");
    } catch (JacksonException e) {
      throw CliException.failure("cannot read " + file + ": " + firstLine(e.getOriginalMessage()) + where(e)
          + "; fix the file or delete it and run `assay profiles create`");
    } catch (IOException e) {
      throw CliException.failure("cannot read " + file + ": " + e.getMessage());
    }
  }

  public void save(ProfilesFile profiles) {
    Path dir = file.getParent();
    try {
      if (!Files.isDirectory(dir)) {
        createOwnerOnlyDirectory(dir);
      }
      Path tmp = dir.resolve(FILE_NAME + ".tmp");
      Files.deleteIfExists(tmp);
      if (posix(dir)) {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
      } else {
        Files.createFile(tmp);
      }
      Files.writeString(tmp, render(profiles));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      throw CliException.failure("cannot write " + file + ": " + e.getFile() + " exists and is not a directory");
    } catch (IOException e) {
      throw CliException.failure("cannot write " + file + ": " + e);
    }
  }

  /**
   * The file's text: one {@code [profiles.NAME]} table per profile. Written by hand because Jackson's TOML
   * writer flattens tables into dotted keys, which is valid but hard for a person to read.
   */
  static String render(ProfilesFile profiles) {
    StringBuilder text = new StringBuilder("# Assay CLI profiles, written by `assay profiles`. May hold API keys: keep it private.\n");
    if (profiles.active() != null) {
      text.append("active = ").append(quote(profiles.active())).append('\n');
    }
    profiles.profiles().forEach((name, profile) -> {
      text.append("\n[profiles.").append(requireValidName(name)).append("]\n");
      appendKey(text, "url", profile.url());
      appendKey(text, "api_key", profile.apiKey());
      appendKey(text, "space", profile.space());
    });
    return text.toString();
  }

  private static void appendKey(StringBuilder text, String key, String value) {
    if (value != null) {
      text.append(key).append(" = ").append(quote(value)).append('\n');
    }
  }

  /** A TOML basic string. */
  private static String quote(String value) {
    StringBuilder quoted = new StringBuilder("\"");
    value.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            quoted.append(String.format("\\u%04X", c));
          } else {
            quoted.appendCodePoint(c);
          }
        }
      }
    });
    return quoted.append('"').toString();
  }

  /** Rejects a profile name that could not be a bare TOML key or would be hard to type. */
  public static String requireValidName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw CliException.usage("bad profile name '" + name + "': use letters, digits, '-' and '_' (at most 63)");
    }
    return name;
  }

  /** The profile {@code name}; exit 3 naming the profiles that exist when there is none. */
  public static Profile require(ProfilesFile profiles, String name, Path file) {
    Profile profile = profiles.profiles().get(name);
    if (profile == null) {
      String known = profiles.profiles().isEmpty() ? "there are none; create one with `assay profiles create`"
          : "profiles: " + String.join(", ", profiles.profiles().keySet());
      throw new CliException(ExitCodes.NOT_FOUND, "no profile named '" + name + "' in " + file + " (" + known + ")");
    }
    return profile;
  }

  private static void createOwnerOnlyDirectory(Path dir) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (posix(parent == null ? dir : parent)) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
    } else {
      Files.createDirectory(dir);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static String where(JacksonException e) {
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ")";
  }

  private static String firstLine(String message) {
    return message == null ? "not valid TOML" : message.lines().findFirst().orElse("not valid TOML");
  }
}
