package dev.assay.bench;

import dev.assay.bench.TimedProcess.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run experiments-vs-promptfoo}: the same 2,000-case evaluation run by npm {@code promptfoo eval} and by
 * {@code assay eval} (standalone: a temporary embedded store, no server), one after the other at each concurrency,
 * against one OpenAI-compatible fake model (its own JVM, 200 ms per answer). Each tool is a whole process tree timed
 * by {@code /usr/bin/time}: wall time and user + system CPU, start-up (Node's or the JVM's) included. The fake
 * counts the chat calls, so a tool that skipped or repeated calls shows; both must exit 0 (every case passed).
 *
 * <p>Targets (issue 7): Assay ≤ 0.5× promptfoo's wall time where overhead shows, ≤ 0.2× its CPU-seconds.
 *
 * <p>Options: {@code --cases 2000}, {@code --concurrency 4,64}, {@code --latency-ms 200}, {@code --only
 * assay|promptfoo}, {@code --promptfoo-version 0.121.20}, {@code --assay-java-opts "-XX:…"} (e.g. a JFR recording
 * of the Assay process). Files (configs, cases, each run's output) stay in {@code bench/target/experiments-vs-promptfoo}.
 */
public final class ExperimentsVsPromptfooBench {
  static final double WALL_TARGET = 0.5;
  static final double CPU_TARGET = 0.2;

  private record Row(String tool, int concurrency, Usage usage, long calls, String loadBefore) {}

  private ExperimentsVsPromptfooBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    int cases = Integer.parseInt(opts.getOrDefault("--cases", "2000"));
    List<Integer> levels = Arrays.stream(opts.getOrDefault("--concurrency", "4,64").split(",")).map(String::strip)
        .map(Integer::valueOf).toList();
    long latencyMs = Long.parseLong(opts.getOrDefault("--latency-ms", "200"));
    String only = opts.get("--only");
    String version = opts.getOrDefault("--promptfoo-version", PromptfooInstall.DEFAULT_VERSION);
    List<String> assayJavaOpts = List.of(opts.getOrDefault("--assay-java-opts", "").split("\\s+")).stream()
        .filter(s -> !s.isBlank()).toList();

    TimedProcess.requireTime();
    Path repo = Path.of("").toAbsolutePath();
    Path assayJar = repo.resolve("assay-cli/target/assay.jar");
    if (!Files.isRegularFile(assayJar)) {
      throw new IllegalStateException(assayJar + " is missing; bench/run builds it");
    }
    Path promptfoo = "assay".equals(only) ? null : PromptfooInstall.ensure(repo, version);
    Path work = Files.createDirectories(repo.resolve("bench/target/experiments-vs-promptfoo"));
    SideBySideFiles.cases(work, cases);

    System.out.printf(Locale.ROOT, "ExperimentsVsPromptfooBench: %,d cases, fake model %d ms per answer, concurrency %s, "
            + "promptfoo %s on Node %s, Assay on Java %s, %d cores, load average %s%n", cases, latencyMs, levels,
        version, nodeVersion(), Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage());
    List<Row> rows = new ArrayList<>();
    Path archive = work.resolve("assay-eval.jsa").toAbsolutePath();
    Files.deleteIfExists(archive);
    try (FakeModelProcess fake = FakeModelProcess.start(Duration.ofMillis(latencyMs), null, null)) {
      SideBySideFiles.promptfooConfig(work, fake.openAiBaseUrl());
      for (int c : levels) {
        if (promptfoo != null) {
          Path configDir = Files.createDirectories(work.resolve("promptfoo-home-" + c));
          rows.add(measure(fake, "promptfoo", c, work, PromptfooInstall.environment(configDir),
              List.of(promptfoo.toString(), "eval", "-c", "promptfooconfig.yaml", "-j", Integer.toString(c),
                  "--no-cache")));
        }
        if (!"promptfoo".equals(only)) {
          SideBySideFiles.assayConfig(work, fake.openAiBaseUrl(), c);
          // The JVM options ./assay gives one-shot commands (see the script): C1 only, serial GC, a class-data
          // archive created by the first run (deleted below, so the first measured run pays for creating it).
          List<String> command = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED",
              "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+AutoCreateSharedArchive",
              "-XX:SharedArchiveFile=" + archive, "-Xlog:disable", "-Xlog:all=warning:stderr", "-Xlog:cds*=off:stderr"));
          command.addAll(assayJavaOpts);
          command.addAll(List.of("-jar", assayJar.toString(), "eval", "-c", "assay.yaml"));
          Path home = Files.createDirectories(work.resolve("assay-home"));
          rows.add(measure(fake, "assay", c, work, Map.of("OPENAI_API_KEY", "sk-bench-fake",
              "ASSAY_CONFIG_HOME", home.toString()), command));
        }
      }
    }
    print(rows, cases, latencyMs);
  }

  private static Row measure(FakeModelProcess fake, String tool, int c, Path work, Map<String, String> env,
      List<String> command) throws Exception {
    String load = loadAverage();
    System.err.printf(Locale.ROOT, "%s at concurrency %d (load average %s) ...%n", tool, c, load);
    long before = fake.stats().calls();
    Usage usage = TimedProcess.run(command, work, env, tool + "-c" + c);
    long calls = fake.stats().calls() - before;
    if (usage.exitCode() != 0) {
      System.err.printf(Locale.ROOT, "%s at concurrency %d exited %d (every case should pass); its output ends:%n%s%n%s%n",
          tool, c, usage.exitCode(), TimedProcess.tail(usage.stdout(), 15), TimedProcess.tail(usage.stderr(), 15));
    }
    System.err.printf(Locale.ROOT, "  %s s wall, %s CPU-s, %,d model calls, exit %d%n",
        TimedProcess.seconds(usage.wallSeconds()), TimedProcess.seconds(usage.cpuSeconds()), calls, usage.exitCode());
    return new Row(tool, c, usage, calls, load);
  }

  private static void print(List<Row> rows, int cases, long latencyMs) {
    System.out.println();
    System.out.println("| tool | concurrency | wall s | floor s | CPU-s (user+sys) | CPU ms per case | peak RSS MB | model calls "
        + "| exit | load average before |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (Row r : rows) {
      double floor = Math.ceil((double) cases / r.concurrency()) * latencyMs / 1000.0;
      System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.0f | %,d%s | %d | %s |%n", r.tool(),
          r.concurrency(), r.usage().wallSeconds(), floor, r.usage().cpuSeconds(), 1000 * r.usage().cpuSeconds() / cases,
          r.usage().peakRssMb(), r.calls(), r.calls() == cases ? "" : " (≠ " + cases + ")", r.usage().exitCode(),
          r.loadBefore());
    }
    System.out.println();
    System.out.println("| concurrency | wall Assay/promptfoo | CPU Assay/promptfoo | vs targets (wall ≤ 0.5×, CPU ≤ 0.2×) |");
    System.out.println("|---:|---:|---:|---|");
    for (Row a : rows) {
      if (!a.tool().equals("assay")) {
        continue;
      }
      rows.stream().filter(p -> p.tool().equals("promptfoo") && p.concurrency() == a.concurrency()).findFirst()
          .ifPresent(p -> {
            double wall = a.usage().wallSeconds() / p.usage().wallSeconds();
            double cpu = a.usage().cpuSeconds() / p.usage().cpuSeconds();
            boolean valid = a.calls() == cases && p.calls() == cases && a.usage().exitCode() == 0
                && p.usage().exitCode() == 0;
            System.out.printf(Locale.ROOT, "| %d | %.2f× | %.2f× | wall %s, CPU %s%s |%n", a.concurrency(), wall, cpu,
                wall <= WALL_TARGET ? "met" : "not met", cpu <= CPU_TARGET ? "met" : "not met",
                valid ? "" : " (INVALID: a run failed or missed calls)");
          });
    }
    System.out.println();
    System.out.println("load average after the runs: " + loadAverage());
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("options are --name value pairs: " + String.join(" ", args));
      }
      out.put(args[i], args[++i]);
    }
    return out;
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static String nodeVersion() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor();
      return v;
    } catch (IOException | InterruptedException e) {
      return "?";
    }
  }

  static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (IOException e) {
      return "?";
    }
  }
}
