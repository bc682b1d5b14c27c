package dev.assay.config;

/**
 * The configuration is invalid. The message is one line fit to show the person starting Assay: it names
 * the setting, where the value came from (flag, environment variable or config file) and what is accepted.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
