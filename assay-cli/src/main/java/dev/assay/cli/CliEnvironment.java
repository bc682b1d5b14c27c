package dev.assay.cli;

import dev.assay.config.ConfigKey;
import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command reads from the world besides its arguments: environment variables, the home and working
 * directories, stdin, and whether a person sits at a terminal. {@link #system()} is the real one; tests
 * build their own, so no test reads the real home directory or environment.
 *
 * @param env environment variables
 * @param home the user's home directory (profiles default to {@code <home>/.assay}, global skills go below it)
 * @param workingDir the directory relative paths start from
 * @param stdin where confirmations are read from
 * @param interactive whether stdin and stdout are a terminal: only then are confirmations asked and
 *     progress bars drawn
 */
public record CliEnvironment(Map<String, String> env, Path home, Path workingDir, InputStream stdin,
    boolean interactive) {

  public CliEnvironment {
    env = Map.copyOf(env);
    if (home == null || workingDir == null || stdin == null) {
      throw new NullPointerException("home, workingDir and stdin are required");
    }
  }

  /**
   * The process's own environment. The home directory is {@code $HOME} when set, as for other Unix tools;
   * Java's {@code user.home} comes from the password database and ignores it.
   */
  public static CliEnvironment system() {
    Map<String, String> env = System.getenv();
    String home = env.get("HOME");
    return new CliEnvironment(env, Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home),
        Path.of("").toAbsolutePath(), System.in, isTerminal());
  }

  /** The variable's value, or null when it is unset or blank. */
  public String get(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  public String get(ConfigKey key) {
    return get(key.env());
  }

  /** Where the CLI keeps config.toml: {@code ASSAY_CONFIG_HOME}, else {@code <home>/.assay}. */
  public Path configDir() {
    String configured = get(ConfigKey.CONFIG_HOME);
    return configured != null ? workingDir.resolve(configured) : home.resolve(".assay");
  }

  /** A path argument, resolved against {@link #workingDir()}. */
  public Path resolve(String path) {
    return workingDir.resolve(path).normalize();
  }

  /**
   * Whether stdin and stdout are a terminal. JDK 22+ may hand out a {@link Console} for redirected streams
   * and offers {@code isTerminal()} to tell; on 21 a console exists only for a terminal.
   */
  static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException onJdk21) {
      return true;
    }
  }
}
