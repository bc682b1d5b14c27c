package dev.assay.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link ConfigLoader#load}: the configuration, the config file it read (if any) and
 * warnings worth one log line each (e.g. an unknown {@code ASSAY_*} variable, probably a typo).
 */
public record LoadedConfig(AssayConfig config, Optional<Path> configFile, List<String> warnings) {
  public LoadedConfig {
    configFile = configFile == null ? Optional.empty() : configFile;
    warnings = List.copyOf(warnings);
  }
}
