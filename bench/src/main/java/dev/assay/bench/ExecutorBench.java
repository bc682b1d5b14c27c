package dev.assay.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.eval.ModelRef;
import dev.assay.eval.Subject;
import dev.assay.eval.SubjectKind;
import dev.assay.eval.exec.EvalExecutor;
import dev.assay.eval.exec.ExecutorSettings;
import dev.assay.eval.exec.RunOptions;
import dev.assay.eval.exec.RunReport;
import dev.assay.eval.exec.WorkItem;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.ModelGateway;
import dev.assay.llm.ModelLimits;
import dev.assay.llm.NewModelConfig;
import dev.assay.llm.Provider;
import dev.assay.outbound.OutboundPolicy;
import dev.assay.secrets.SecretBox;
import dev.assay.spaces.SpaceService;
import dev.assay.store.DatabaseTarget;
import dev.assay.store.JdbcStore;
import dev.assay.testing.FakeJudge;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The executor end to end against the fake model server running in a child JVM ({@link FakeModelProcess}), so this
 * process's CPU time is the executor's (plus the judge, the gateway, LangChain4j and the HTTP client).
 *
 * <ol>
 *   <li><b>Throughput.</b> The fake answers after 1 s; for N = 16, 64, 256, 512 (concurrency N) the executor runs
 *       10·N evaluations after a warm-up of 2·N (and, once before all, {@code --warm-up} 20,000 evaluations against a
 *       second fake that answers at once, so the JIT has compiled the hot path before CPU is measured). Ideal throughput is N/R = N per second; the table shows the
 *       achieved fraction (target ≥ 95%) and process CPU per evaluation (target ≤ 0.5 ms).
 *   <li><b>Limits.</b> The fake enforces 600 requests and 100,000 tokens per sliding minute, answering 429 above
 *       them; the model config declares the same limits. Items are offered for {@code --limit-minutes} (default 3)
 *       minutes; the first minute is warm-up, and the accepted requests in the following full minutes are compared
 *       with the bound min(RPM, TPM / tokens per call) (target ≥ 90%); the share of all calls answered 429 is the
 *       other figure (target ≤ 1%).
 * </ol>
 *
 * <p>Options: {@code --n 16,64,256,512}, {@code --rounds 10}, {@code --latency-ms 1000}, {@code --limit-minutes 3}
 * (0 skips it), {@code --skip-throughput}, {@code --threads} (CPU per thread group: carriers of the virtual threads,
 * JIT compiler, GC …).
 */
public final class ExecutorBench {
  private static final AccessScope ALL = AccessScope.unrestricted();
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ExecutorBench() {}

  public static void main(String[] args) throws Exception {
    List<Integer> ns = List.of(16, 64, 256, 512);
    int rounds = 10;
    long latencyMs = 1000;
    int limitMinutes = 3;
    boolean throughput = true;
    boolean showThreads = false;
    int warmUp = 20_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--n" -> ns = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--latency-ms" -> latencyMs = Long.parseLong(args[++i]);
        case "--limit-minutes" -> limitMinutes = Integer.parseInt(args[++i]);
        case "--skip-throughput" -> throughput = false;
        case "--threads" -> showThreads = true;
        case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.printf(Locale.ROOT, "ExecutorBench: fake model in a child JVM, latency %d ms, %d cores, Java %s, load "
        + "average %s%n", latencyMs, Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAverage());
    Path dir = Files.createTempDirectory("assay-executor-bench");
    try (JdbcStore store = JdbcStore.open(DatabaseTarget.embedded(dir), 1, Clock.systemUTC())) {
      ModelConfigService configs = new ModelConfigService(store.modelConfigs(), new SpaceService(store.spaces()),
          SecretBox.of(new byte[32], null), Clock.systemUTC(), OutboundPolicy.of(List.of("127.0.0.1")));
      ModelGateway gateway = new ModelGateway(configs, Duration.ofSeconds(60));
      if (throughput) {
        throughput(configs, gateway, ns, rounds, latencyMs, showThreads, warmUp);
      }
      if (limitMinutes > 1) {
        limits(configs, gateway, limitMinutes, latencyMs);
      }
    }
  }

  private static void throughput(ModelConfigService configs, ModelGateway gateway, List<Integer> ns, int rounds,
      long latencyMs, boolean showThreads, int warmUp) throws Exception {
    List<String> rows = new ArrayList<>();
    warmUp(configs, gateway, warmUp);
    try (FakeModelProcess fake = FakeModelProcess.start(Duration.ofMillis(latencyMs), null, null)) {
      ModelConfig config = configs.create(ALL, new NewModelConfig(null, "bench-throughput", Provider.CUSTOM,
          fake.openAiBaseUrl(), List.of("judge-1"), "sk-bench", null, false, null));
      for (int n : ns) {
        ExecutorSettings settings = ExecutorSettings.defaults().withConcurrency(n).withCallTimeout(Duration.ofSeconds(30));
        try (EvalExecutor executor = new EvalExecutor(gateway, configs, settings, Clock.systemUTC())) {
          FakeJudge judge = new FakeJudge("bench", new ModelRef(config.id(), "judge-1", null), executor.environment(ALL), 0);
          run(executor, judge, "warm-" + n + "-", 2 * n);
          long items = (long) rounds * n;
          Map<String, Long> threads0 = threadCpu();
          long cpu0 = OS.getProcessCpuTime();
          long t0 = System.nanoTime();
          RunReport report = run(executor, judge, "n" + n + "-", items);
          double seconds = (System.nanoTime() - t0) / 1e9;
          double cpuMs = (OS.getProcessCpuTime() - cpu0) / 1e6;
          if (showThreads) {
            printThreadCpu(threads0, threadCpu(), items);
          }
          double perSecond = items / seconds;
          double ideal = n * 1000.0 / latencyMs;
          String row = String.format(Locale.ROOT, "| %d | %,d | %.1f | %,.1f | %,.1f | %.1f%% | %.3f | %d |", n, items,
              seconds, perSecond, ideal, 100 * perSecond / ideal, cpuMs / items, report.failed());
          rows.add(row);
          System.out.println("  done: " + row + "  (load average " + loadAverage() + ")");
        }
      }
    }
    System.out.println();
    System.out.println("| N | evaluations | seconds | evals/s | N/R | of N/R | CPU ms/eval | errors |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    rows.forEach(System.out::println);
    System.out.println("targets: ≥ 95% of N/R, ≤ 0.5 ms CPU per evaluation");
    System.out.println();
  }

  private static void warmUp(ModelConfigService configs, ModelGateway gateway, int evaluations) throws Exception {
    if (evaluations <= 0) {
      return;
    }
    try (FakeModelProcess fake = FakeModelProcess.start(Duration.ZERO, null, null)) {
      ModelConfig config = configs.create(ALL, new NewModelConfig(null, "bench-warm-up", Provider.CUSTOM,
          fake.openAiBaseUrl(), List.of("judge-1"), "sk-bench", null, false, null));
      try (EvalExecutor executor = new EvalExecutor(gateway, configs, ExecutorSettings.defaults(), Clock.systemUTC())) {
        FakeJudge judge = new FakeJudge("bench", new ModelRef(config.id(), "judge-1", null), executor.environment(ALL), 0);
        long t0 = System.nanoTime();
        run(executor, judge, "warm-up-", evaluations);
        System.out.printf(Locale.ROOT, "  warm-up: %,d evaluations against an instant fake in %.1f s%n", evaluations,
            (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  private static void limits(ModelConfigService configs, ModelGateway gateway, int minutes, long latencyMs)
      throws Exception {
    int rpm = 600;
    long tpm = 100_000;
    try (FakeModelProcess fake = FakeModelProcess.start(Duration.ofMillis(latencyMs), rpm, tpm)) {
      ModelConfig config = configs.create(ALL, new NewModelConfig(null, "bench-limited", Provider.CUSTOM,
          fake.openAiBaseUrl(), List.of("judge-1"), "sk-bench", null, false, new ModelLimits(rpm, tpm, null)));
      try (EvalExecutor executor = new EvalExecutor(gateway, configs, ExecutorSettings.defaults(), Clock.systemUTC())) {
        // ~800 prompt characters: about 200 tokens per call, so 600 calls (≈ 120k tokens) would exceed the TPM limit.
        FakeJudge judge = new FakeJudge("bench", new ModelRef(config.id(), "judge-1", null), executor.environment(ALL),
            640);
        long deadline = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
        System.out.printf(Locale.ROOT, "limits: %d RPM / %,d TPM for %d minutes (first minute is warm-up) …%n", rpm, tpm,
            minutes);
        RunReport report = executor.run(until(deadline, judge), new RunOptions(Evaluation.Source.TASK, "bench"),
            (item, result) -> { });
        FakeModelProcess.Stats stats = fake.stats();
        long accepted = stats.acceptedAtMs().size();
        double tokensPerCall = accepted == 0 ? 0 : (double) stats.acceptedTokens() / accepted;
        double bound = Math.min(rpm, tpm / tokensPerCall);
        long first = stats.acceptedAtMs().isEmpty() ? 0 : stats.acceptedAtMs().getFirst();
        long from = first + 60_000;
        long to = first + 60_000L * minutes;
        long steady = stats.acceptedAtMs().stream().filter(t -> t >= from && t < to).count();
        double perMinute = steady / (double) (minutes - 1);
        System.out.println();
        System.out.println("| RPM | TPM | tokens/call | bound/min | accepted/min (steady) | of bound | calls | 429s | 429 share |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| %d | %,d | %.0f | %.0f | %.0f | %.1f%% | %,d | %d | %.2f%% |%n", rpm, tpm,
            tokensPerCall, bound, perMinute, 100 * perMinute / bound, stats.calls(), stats.rateLimited(),
            100.0 * stats.rateLimited() / Math.max(1, stats.calls()));
        System.out.printf(Locale.ROOT, "evaluations: %d ok, %d errors; targets: ≥ 90%% of the bound, ≤ 1%% 429s%n",
            report.succeeded(), report.failed());
      }
    }
  }

  /** CPU nanoseconds per platform thread group (thread name without its number); virtual threads run on carriers. */
  private static Map<String, Long> threadCpu() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null) {
        long cpu = mx.getThreadCpuTime(info.getThreadId());
        if (cpu > 0) {
          out.merge(info.getThreadName().replaceAll("[-#]?\\d+", "#"), cpu, Long::sum);
        }
      }
    }
    return out;
  }

  private static void printThreadCpu(Map<String, Long> before, Map<String, Long> after, long items) {
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 1_000_000)
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(8)
        .forEach(e -> System.out.printf(Locale.ROOT, "      %-40s %8.1f ms  %.3f ms/eval%n", e.getKey(),
            e.getValue() / 1e6, e.getValue() / 1e6 / items));
  }

  private static RunReport run(EvalExecutor executor, FakeJudge judge, String prefix, long n) {
    AtomicLong i = new AtomicLong();
    Iterator<WorkItem> items = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return i.get() < n;
      }

      @Override
      public WorkItem next() {
        return item(judge, prefix + i.getAndIncrement());
      }
    };
    return executor.run(items, new RunOptions(Evaluation.Source.TASK, "bench"), (item, result) -> { });
  }

  private static Iterator<WorkItem> until(long deadlineNanos, FakeJudge judge) {
    AtomicLong i = new AtomicLong();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return System.nanoTime() < deadlineNanos;
      }

      @Override
      public WorkItem next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return item(judge, "limit-" + i.getAndIncrement());
      }
    };
  }

  private static WorkItem item(FakeJudge judge, String id) {
    Subject subject = new Subject(SubjectKind.SPAN, "bench-project", Evaluation.TargetKind.SPAN, id, "trace-" + id,
        "What is the capital of France? (" + id + ")", "Paris", null, null, null, null, null, null, null, Map.of(),
        Map.of(), "LLM", "OK", 10.0, 1L, 1L, 2L, null, false);
    return new WorkItem(subject, judge, "bench-evaluator", 1L);
  }

  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
  }
}
