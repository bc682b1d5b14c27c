package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js test directory of this checkout ({@code clients/…}) run by a JUnit test: finds it, installs its
 * packages with {@code npm ci} when {@code node_modules} is missing or older than {@code package-lock.json},
 * and runs {@code node --test} with the given environment. Fails, never skips, without Node.js 20+ and npm:
 * a compatibility claim is only worth the tests behind it.
 */
final class NodeHarness {
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration TEST_TIMEOUT = Duration.ofMinutes(5);
  private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");

  private final String relativeDir;
  private final Path dir;

  private NodeHarness(String relativeDir, Path dir) {
    this.relativeDir = relativeDir;
    this.dir = dir;
  }

  /** The directory {@code relativeDir} (e.g. {@code clients/ax-client}), installed and ready to run. */
  static NodeHarness installed(String relativeDir) throws Exception {
    NodeHarness harness = new NodeHarness(relativeDir, find(relativeDir));
    harness.requireNodeAndNpm();
    if (harness.needsInstall()) {
      assertEquals(0, harness.run(List.of(npm(), "ci", "--no-audit", "--no-fund"), Map.of(), INSTALL_TIMEOUT),
          "npm ci failed in " + harness.dir + "; its output is above");
    }
    return harness;
  }

  /** Runs {@code node --test} there; fails the test unless every Node test passed. */
  void runTests(Map<String, String> env) throws Exception {
    runTests(env, List.of());
  }

  /** Runs {@code node --test} on these files of the directory only (all of its tests when empty). */
  void runTests(Map<String, String> env, List<String> files) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=spec"));
    command.addAll(files);
    int exit = run(command, env, TEST_TIMEOUT);
    assertEquals(0, exit, "node --test failed in " + dir + "; its output is above");
  }

  /** The directory's {@code *.test.mjs} files except {@code excluded}, sorted: for runs that leave a file to another test. */
  List<String> testFilesExcept(String... excluded) throws java.io.IOException {
    List<String> skip = List.of(excluded);
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".test.mjs") && !skip.contains(n))
          .sorted().toList();
    }
  }

  /** The directory of this checkout, found upwards from the working directory (Maven runs in the module). */
  private static Path find(String relativeDir) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(relativeDir).resolve("package.json"))) {
        return p.resolve(relativeDir);
      }
    }
    return fail(relativeDir + "/package.json not found above " + Path.of("").toAbsolutePath());
  }

  private void requireNodeAndNpm() {
    String node = version(List.of("node", "--version"));
    String npm = version(List.of(npm(), "--version"));
    if (node == null || npm == null) {
      fail("Node.js 20 or newer and npm are needed to run the Node tests in " + relativeDir + ", but "
          + (node == null ? "'node'" : "'npm'") + " is not on the PATH; install Node.js 20+ (it includes npm)");
    }
    int major = Integer.parseInt(node.replaceFirst("^v", "").split("\\.")[0]);
    if (major < 20) {
      fail("Node.js 20 or newer is needed to run the Node tests in " + relativeDir + "; found " + node);
    }
  }

  /** The first line a version command prints, or null when the program cannot be run. */
  private static String version(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out.lines().findFirst().orElse("") : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** npm ci also writes node_modules/.package-lock.json, so it is older than package-lock.json exactly when stale. */
  private boolean needsInstall() throws IOException {
    Path installed = dir.resolve("node_modules/.package-lock.json");
    return !Files.exists(installed)
        || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(dir.resolve("package-lock.json"))) < 0;
  }

  private static String npm() {
    return WINDOWS ? "npm.cmd" : "npm";
  }

  /** Runs a command in the directory, copying its output line by line into the test log; returns its exit code. */
  private int run(List<String> command, Map<String, String> env, Duration timeout) throws Exception {
    String tag = "[" + dir.getFileName() + "] ";
    System.out.println(tag + "$ " + String.join(" ", command));
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    Thread pump = Thread.ofVirtual().start(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(line -> System.out.println(tag + line));
      } catch (IOException e) {
        System.out.println(tag + "(output lost: " + e + ")");
      }
    });
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within " + timeout);
    }
    pump.join(Duration.ofSeconds(10));
    return process.exitValue();
  }
}
