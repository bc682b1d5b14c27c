package dev.assay.config;

import java.nio.file.Path;

/** One raw value and where it came from, so an error can say exactly what to change. */
record Setting(ConfigKey key, String value, Source source, Path file) {

  enum Source { DEFAULT, FILE, ENVIRONMENT, FLAG }

  static Setting fromDefault(ConfigKey key, String value) {
    return new Setting(key, value, Source.DEFAULT, null);
  }

  static Setting fromFile(ConfigKey key, String value, Path file) {
    return new Setting(key, value, Source.FILE, file);
  }

  static Setting fromEnvironment(ConfigKey key, String value) {
    return new Setting(key, value, Source.ENVIRONMENT, null);
  }

  static Setting fromFlag(ConfigKey key, String value) {
    return new Setting(key, value, Source.FLAG, null);
  }

  /** The value as the person wrote it, e.g. {@code --port 'abc'} or {@code ASSAY_PORT='abc'}. */
  String describe() {
    return switch (source) {
      case DEFAULT -> "the default " + key.env() + "='" + value + "'";
      case FILE -> key.fileKey().orElseThrow() + " = '" + value + "' in " + file;
      case ENVIRONMENT -> key.env() + "='" + value + "'";
      case FLAG -> key.flag().orElseThrow() + " '" + value + "'";
    };
  }

  /** Where the value came from, e.g. {@code --working-dir} or {@code ASSAY_WORKING_DIR}. */
  String origin() {
    return switch (source) {
      case DEFAULT -> "default";
      case FILE -> key.fileKey().orElseThrow() + " in " + file;
      case ENVIRONMENT -> key.env();
      case FLAG -> key.flag().orElseThrow();
    };
  }
}
