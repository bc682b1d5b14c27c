package dev.assay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * npm {@code promptfoo}, installed by this benchmark only, into {@code bench/.cache/promptfoo-<version>} (ignored by
 * git) so that reruns start at once. The version is pinned: 0.121.x is the last line that still runs on Node 20
 * (0.122 wants Node ≥ 22.22); it prints a deprecation notice on Node 20 and otherwise works.
 */
final class PromptfooInstall {
  static final String DEFAULT_VERSION = "0.121.20";

  /**
   * The environment every promptfoo run gets: no telemetry, no update check, no sharing, no cache, its database and
   * logs in {@code configDir} (never the user's ~/.promptfoo), and a dummy OpenAI key for the fake model.
   */
  static Map<String, String> environment(Path configDir) {
    return Map.ofEntries(Map.entry("PROMPTFOO_DISABLE_TELEMETRY", "1"), Map.entry("PROMPTFOO_DISABLE_UPDATE", "1"),
        Map.entry("PROMPTFOO_DISABLE_SHARING", "1"), Map.entry("PROMPTFOO_CACHE_ENABLED", "false"),
        Map.entry("PROMPTFOO_DISABLE_REMOTE_GENERATION", "1"), Map.entry("PROMPTFOO_DISABLE_DEBUG_LOG", "1"),
        Map.entry("PROMPTFOO_DISABLE_ERROR_LOG", "1"), Map.entry("PROMPTFOO_CONFIG_DIR", configDir.toString()),
        Map.entry("NO_COLOR", "1"), Map.entry("OPENAI_API_KEY", "sk-bench-fake"));
  }

  private PromptfooInstall() {}

  /** The promptfoo executable of {@code version}, installed first when missing. */
  static Path ensure(Path repo, String version) throws IOException, InterruptedException {
    Path dir = repo.resolve("bench/.cache/promptfoo-" + version);
    Path bin = dir.resolve("node_modules/.bin/promptfoo");
    if (Files.isExecutable(bin)) {
      return bin;
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("package.json"), "{\"name\": \"assay-bench-promptfoo\", \"private\": true}\n",
        StandardCharsets.UTF_8);
    System.err.println("installing promptfoo@" + version + " into " + dir + " (once; a few minutes) ...");
    Process npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
        "promptfoo@" + version)).directory(dir.toFile()).inheritIO().start();
    if (npm.waitFor() != 0 || !Files.isExecutable(bin)) {
      throw new IOException("npm install promptfoo@" + version + " failed in " + dir + " (exit " + npm.exitValue()
          + "); is the npm registry reachable?");
    }
    return bin;
  }
}
