package dev.assay.bench;

import dev.assay.eval.CodeCheck;
import dev.assay.eval.CodeSpec;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.Evaluation;
import dev.assay.eval.Evaluators;
import dev.assay.eval.RunnableEvaluator;
import dev.assay.eval.Subject;
import dev.assay.eval.SubjectKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throughput of the built-in code checks ({@code CodeEvaluator}) as the executor calls them: prepared once,
 * then {@code evaluate(subject)} from many threads. Subjects look like LLM spans (a ~40-word output, a
 * ~35-word reference, a JSON answer, tool calls, usage). Each check runs alone on one thread, then all checks
 * mixed on {@code --threads} platform threads. Target: at least 100,000 evaluations/s on 2 cores.
 *
 * <p>Options: {@code --seconds 3} (measured per run), {@code --warmup 2}, {@code --threads N} (default: cores),
 * {@code --subjects 2000}, {@code --only BLEU,ROUGE} (some checks only).
 */
public final class CodeEvalBench {
  static final double TARGET_PER_SECOND = 100_000;
  private static final String[] WORDS = ("the a backup restore cluster point in time window retention days console "
      + "click open choose then pick order carrier parcel delivery status tracking refund payment invoice account "
      + "password reset email link token expired server patch deploy region replica latency query index table").split(" ");

  private CodeEvalBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = intOpt(args, "--seconds", 3);
    int warmup = intOpt(args, "--warmup", 2);
    int threads = intOpt(args, "--threads", Runtime.getRuntime().availableProcessors());
    List<Subject> subjects = subjects(intOpt(args, "--subjects", 2_000));
    List<RunnableEvaluator> evaluators = evaluators();
    String only = strOpt(args, "--only", null);
    if (only != null) {
      List<String> names = List.of(only.toUpperCase(Locale.ROOT).split(","));
      evaluators = evaluators.stream().filter(e -> names.contains(((CodeSpec) e.spec()).check().name())).toList();
    }
    System.out.printf(Locale.ROOT, "CodeEvalBench: %d subjects, %d checks, %ds warm-up + %ds measured, %d cores, "
            + "Java %s, load average %s%n", subjects.size(), evaluators.size(), warmup, seconds,
        Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAverage());
    System.out.println();
    System.out.println("| check | threads | evaluations/s (wall) | evaluations per CPU-second |");
    System.out.println("|---|---:|---:|---:|");
    for (RunnableEvaluator e : evaluators) {
      Rate rate = run(List.of(e), subjects, 1, warmup, seconds);
      System.out.printf(Locale.ROOT, "| %s | 1 | %,.0f | %,.0f |%n", ((CodeSpec) e.spec()).check(), rate.wall(),
          rate.perCpuSecond());
    }
    Rate mixed = run(evaluators, subjects, threads, warmup, seconds);
    System.out.printf(Locale.ROOT, "| **all checks mixed** | %d | **%,.0f** | **%,.0f** |%n", threads, mixed.wall(),
        mixed.perCpuSecond());
    int cores = Runtime.getRuntime().availableProcessors();
    double capacity = mixed.perCpuSecond() * Math.min(cores, threads);
    System.out.printf(Locale.ROOT, "%nmixed: %,.0f evaluations/s measured on %d threads; %,.0f per CPU-second, so %,.0f/s "
            + "on %d fully available cores (target ≥ %,.0f: %s); load average %s%n", mixed.wall(), threads,
        mixed.perCpuSecond(), capacity, Math.min(cores, threads), TARGET_PER_SECOND,
        capacity >= TARGET_PER_SECOND ? "met" : "NOT met", loadAverage());
  }

  /**
   * Evaluations per wall-clock second of the evaluators round-robin over the subjects on {@code threads} threads,
   * and per CPU second the workers actually got (the machine is shared: the CPU figure says what the code costs,
   * the wall figure what this run saw).
   */
  static Rate run(List<RunnableEvaluator> evaluators, List<Subject> subjects, int threads, int warmup, int seconds)
      throws InterruptedException {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    LongAdder done = new LongAdder();
    LongAdder cpuNanos = new LongAdder();
    LongAdder errors = new LongAdder();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t * 7919;
      workers.add(Thread.ofPlatform().start(() -> {
        long i = offset;
        long local = 0;
        long cpuStart = -1;
        while (!stop.get()) {
          RunnableEvaluator e = evaluators.get((int) (i % evaluators.size()));
          Subject s = subjects.get((int) ((i / evaluators.size()) % subjects.size()));
          try {
            e.evaluate(s);
          } catch (EvaluationException ex) {
            errors.increment();
          }
          i++;
          if (cpuStart >= 0) {
            local++;
          } else if (measuring.get()) {
            cpuStart = cpu.getCurrentThreadCpuTime();
          }
        }
        done.add(local);
        cpuNanos.add(cpu.getCurrentThreadCpuTime() - Math.max(0, cpuStart));
      }));
    }
    Thread.sleep(warmup * 1000L);
    measuring.set(true);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread w : workers) {
      w.join();
    }
    long elapsed = System.nanoTime() - start;
    if (errors.sum() > 0) {
      System.out.printf("  (%d evaluations failed: a bug in the bench's subjects)%n", errors.sum());
    }
    return new Rate(done.sum() / (elapsed / 1e9), done.sum() / (cpuNanos.sum() / 1e9));
  }

  /** Evaluations per wall-clock second, and per CPU second (one core fully used). */
  record Rate(double wall, double perCpuSecond) {}

  static List<RunnableEvaluator> evaluators() {
    Map<String, Object> schema = Map.of("type", "object", "required", List.of("answer", "confidence"),
        "properties", Map.of("answer", Map.of("type", "string"), "confidence", Map.of("type", "number")));
    List<CodeSpec> specs = List.of(
        spec(CodeCheck.MATCHES_REGEX, List.of(), Map.of("pattern", "\\b(restore|refund)\\b")),
        spec(CodeCheck.JSON_PARSEABLE, List.of("answer_json"), Map.of()),
        spec(CodeCheck.CONTAINS_ANY_KEYWORD, List.of(), Map.of("keywords", List.of("backup", "refund", "invoice"))),
        spec(CodeCheck.CONTAINS_ALL_KEYWORDS, List.of(), Map.of("keywords", List.of("the", "order", "status"))),
        spec(CodeCheck.EXACT_MATCH, List.of(), Map.of("case_sensitive", false)),
        spec(CodeCheck.JSON_SCHEMA, List.of("answer_json"), Map.of("schema", schema)),
        spec(CodeCheck.JSON_DISTANCE, List.of("answer_json", "expected_json"), Map.of()),
        spec(CodeCheck.LEVENSHTEIN, List.of(), Map.of()),
        spec(CodeCheck.NUMERIC_TOLERANCE, List.of("number", "expected_number"), Map.of("tolerance", 0.5)),
        spec(CodeCheck.BLEU, List.of(), Map.of()),
        spec(CodeCheck.ROUGE, List.of(), Map.of()),
        spec(CodeCheck.LATENCY_THRESHOLD, List.of(), Map.of("max", 2000)),
        spec(CodeCheck.COST_THRESHOLD, List.of(), Map.of("max", 0.01)),
        spec(CodeCheck.TOKEN_THRESHOLD, List.of(), Map.of("max", 1000)),
        spec(CodeCheck.TOOL_CALLED, List.of(), Map.of("tool", "lookup_order")),
        spec(CodeCheck.TOOL_ARGS_MATCH, List.of(), Map.of("tool", "lookup_order", "args", Map.of("order_id", "A-1"))));
    return specs.stream().map(s -> Evaluators.prepare(s, null)).toList();
  }

  private static CodeSpec spec(CodeCheck check, List<String> variables, Map<String, Object> params) {
    Map<String, String> mappings = Map.of("answer_json", "metadata.answer_json", "expected_json",
        "metadata.expected_json", "number", "metadata.number", "expected_number", "metadata.expected_number");
    Map<String, String> used = new java.util.HashMap<>();
    variables.forEach(v -> {
      if (mappings.containsKey(v)) {
        used.put(v, mappings.get(v));
      }
    });
    return new CodeSpec(check.name().toLowerCase(Locale.ROOT), SubjectKind.SPAN, used, check, variables, params, null);
  }

  static List<Subject> subjects(int n) {
    Random random = new Random(42);
    List<Subject> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String output = sentence(random, 40);
      String reference = random.nextInt(4) == 0 ? output : sentence(random, 35);
      String answer = "{\"answer\":\"" + sentence(random, 8) + "\",\"confidence\":" + random.nextInt(100) / 100.0
          + ",\"sources\":[\"kb-" + random.nextInt(50) + "\",\"kb-" + random.nextInt(50) + "\"]}";
      String expected = "{\"answer\":\"" + sentence(random, 8) + "\",\"confidence\":0.9,\"sources\":[\"kb-1\",\"kb-2\"]}";
      List<Subject.ToolCall> calls = List.of(
          new Subject.ToolCall("c1", "lookup_order", "{\"order_id\":\"A-" + random.nextInt(3) + "\"}", "{}", null),
          new Subject.ToolCall("c2", "track_shipment", "{\"carrier\":\"DHL\"}", null, null));
      Map<String, Object> metadata = Map.of("answer_json", answer, "expected_json", expected,
          "number", String.valueOf(random.nextInt(100)), "expected_number", String.valueOf(random.nextInt(100)));
      out.add(new Subject(SubjectKind.SPAN, "p", Evaluation.TargetKind.SPAN, "s" + i, "t" + i, sentence(random, 12),
          output, reference, List.of(), List.of(), List.of(), calls, List.of(), List.of(), Map.of(), metadata, "LLM",
          "OK", 100.0 + random.nextInt(3000), 300L, 80L, 380L + random.nextInt(1000), random.nextInt(200) / 10_000.0,
          false));
    }
    return out;
  }

  private static String sentence(Random random, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  static int intOpt(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  static String strOpt(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (Exception e) {
      return "n/a";
    }
  }
}
