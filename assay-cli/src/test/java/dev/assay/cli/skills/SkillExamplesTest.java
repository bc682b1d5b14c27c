package dev.assay.cli.skills;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.assay.cli.LiveServer;
import dev.assay.cli.SecretInput;
import dev.assay.cli.skills.SkillExamples.Example;
import dev.assay.testing.FakeModelServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every shell example of every skill file against a live server, so skills cannot drift from the CLI.
 * Each file starts from nothing: its own server (DuckDB in a temp dir), home directory and working
 * directory, with {@code ASSAY_URL} pointing at the server and an {@code assay} on PATH that runs this build
 * ({@code java -cp <test classpath> dev.assay.cli.AssayMain}). Each command runs in
 * {@code bash -euo pipefail -c}, in order; the first whose exit code is not the expected one (0, or its
 * {@code # expect-exit: N}) fails the test with the command and its output. Commands marked
 * {@code # runner: skip (reason)} are listed on stdout, not run.
 *
 * <p>The {@code assay-auth} skill signs in: its server has authentication on, with a first admin
 * {@code admin@example.com} whose password is in {@code ASSAY_PASSWORD}, as a CI job would have it.
 *
 * <p>Judge examples call a model: each file also gets a fake model server, named to the examples the way a user's
 * shell names a real one ({@code OPENAI_BASE_URL}, {@code OPENAI_API_KEY}). It answers a judge with the first label
 * the prompt offers, except that the sample's wrong answer ("2 + 2" → "5") is unfaithful.
 */
class SkillExamplesTest {
  private static final long TIMEOUT_SECONDS = 60;
  /** Its examples sign in, so they run against a server with authentication on and this first admin. */
  private static final String AUTH_SKILL = "assay-auth";
  private static final String ADMIN_EMAIL = "admin@example.com";
  private static final String ADMIN_PASSWORD = "skill-examples-admin-password";

  @TempDir Path tmp;

  /** {@code -Dskills=assay-auth,assay-setup} runs only those skills' examples (while working on one). */
  static List<Path> skillFiles() throws Exception {
    List<String> only = List.of(System.getProperty("skills", "").split(",")).stream().filter(s -> !s.isBlank()).toList();
    List<Path> files = new ArrayList<>();
    for (String skill : SkillsCommandTest.repoSkillNames()) {
      if (!only.isEmpty() && !only.contains(skill)) {
        continue;
      }
      files.addAll(SkillFormatTest.markdown(SkillsCommandTest.REPO_SKILLS.resolve(skill)));
    }
    return files;
  }

  @ParameterizedTest
  @MethodSource("skillFiles")
  void everyExampleRunsAgainstALiveServer(Path file) throws Exception {
    String name = SkillsCommandTest.REPO_SKILLS.relativize(file).toString();
    List<Example> examples = SkillExamples.parse(name, Files.readString(file));
    assertFalse(examples.isEmpty(), name + " has no ```bash examples");

    Path home = Files.createDirectories(tmp.resolve("home"));
    Path work = Files.createDirectories(tmp.resolve("work"));
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    writeLauncher(bin.resolve("assay"));
    int run = 0;
    boolean auth = name.startsWith(AUTH_SKILL + "/");
    try (LiveServer server = auth ? LiveServer.withAuth(tmp.resolve("server"), ADMIN_EMAIL, ADMIN_PASSWORD)
            : new LiveServer(tmp.resolve("server"));
        FakeModelServer model = FakeModelServer.create()
            .answer(prompt -> prompt.contains("What is 2 + 2?") && prompt.contains("unfaithful"), "unfaithful")
            // assay-datasets-experiments: the one-word prompt version answers the sample questions right.
            .answer(prompt -> prompt.contains("in one word") && prompt.contains("capital of France"), "Paris")
            .answer(prompt -> prompt.contains("in one word") && prompt.contains("2 + 2"), "4")
            .answer(prompt -> prompt.contains("in one word") && prompt.contains("Hamlet"), "Shakespeare").start()) {
      for (Example example : examples) {
        if (example.skipped()) {
          System.out.println("skipped " + example + " — " + example.skipReason());
          continue;
        }
        Map<String, String> env = environment(home, bin, server.url(), model.openAiBaseUrl());
        if (auth) {
          // As in CI: the password is in the environment, never in the skill's text or an argument.
          env.put(SecretInput.PASSWORD_ENV, ADMIN_PASSWORD);
        }
        Outcome outcome = run(example.command(), work, env);
        if (outcome.exitCode() != example.expectedExit()) {
          fail(example + "\nexpected exit " + example.expectedExit() + ", got " + outcome.exitCode()
              + "\n--- output (stdout and stderr)\n" + outcome.output());
        }
        run++;
      }
    }
    assertTrue(run > 0, name + ": every example is skipped");
  }

  private record Outcome(int exitCode, String output) {}

  private static Outcome run(String command, Path work, Map<String, String> env) throws Exception {
    Path log = Files.createTempFile(work.getParent(), "output", ".txt");
    ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command)
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      return new Outcome(-1, "timed out after " + TIMEOUT_SECONDS + " s\n" + Files.readString(log));
    }
    return new Outcome(process.exitValue(), Files.readString(log));
  }

  /** The process environment without any ASSAY_* variable of the machine running the tests. */
  private static Map<String, String> environment(Path home, Path bin, String url, String modelUrl) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeIf(key -> key.startsWith("ASSAY_") || key.startsWith("OPENAI_"));
    env.put("HOME", home.toString());
    // Also set explicitly: a test must never write the real ~/.assay/config.toml, even if HOME were ignored.
    env.put("ASSAY_CONFIG_HOME", home.resolve(".assay").toString());
    env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("ASSAY_URL", url);
    env.put("OPENAI_BASE_URL", modelUrl);
    env.put("OPENAI_API_KEY", "sk-skill-examples");
    return env;
  }

  /** {@code assay} for the examples: this build's classes, started the way the packaged launcher starts them. */
  private static void writeLauncher(Path launcher) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(launcher, "#!/bin/sh\n"
        + "exec '" + java + "' --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -Xshare:auto -cp '"
        + System.getProperty("java.class.path") + "' dev.assay.cli.AssayMain \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
