package dev.assay.bench;

import dev.assay.eval.EmbeddingEvaluator;
import dev.assay.eval.EmbeddingSpec;
import dev.assay.eval.EvalEnvironment;
import dev.assay.eval.Evaluation;
import dev.assay.eval.Evaluators;
import dev.assay.eval.ModelRef;
import dev.assay.eval.RunnableEvaluator;
import dev.assay.eval.Subject;
import dev.assay.eval.SubjectKind;
import dev.assay.llm.ChatModel;
import dev.assay.llm.Embedder;
import dev.assay.llm.InProcessEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Similarity pairs per second of the embedding evaluator with the in-process all-MiniLM-L6-v2 (quantized):
 * every subject has a fresh output and reference (~20 words each), so every pair misses the cache and embeds
 * two texts. Runs with 1, 2, 4 and 8 concurrent callers. Target: at least 500 pairs/s on 2 cores.
 *
 * <p>Options: {@code --seconds 10}, {@code --warmup 3}, {@code --callers 1,2,4,8}.
 */
public final class EmbeddingBench {
  static final double TARGET_PAIRS_PER_SECOND = 500;
  private static final String[] WORDS = ("the a backup restore cluster point in time window retention days console "
      + "click open choose then pick order carrier parcel delivery status tracking refund payment invoice account "
      + "password reset email link token expired server patch deploy region replica latency query index table "
      + "customer asked why arrived late yesterday morning support answered quickly with details").split(" ");

  private EmbeddingBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = CodeEvalBench.intOpt(args, "--seconds", 10);
    int warmup = CodeEvalBench.intOpt(args, "--warmup", 3);
    List<Integer> callers = new ArrayList<>();
    String list = "1,2,4,8";
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--callers")) {
        list = args[i + 1];
      }
    }
    for (String c : list.split(",")) {
      callers.add(Integer.parseInt(c.strip()));
    }
    EvalEnvironment env = new EvalEnvironment() {
      @Override
      public ChatModel chatModel(ModelRef ref) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Embedder embedder(ModelRef ref) {
        return InProcessEmbedder.shared();
      }
    };
    long t0 = System.nanoTime();
    InProcessEmbedder.shared().embed(List.of("load the model"));
    System.out.printf(Locale.ROOT, "EmbeddingBench: model %s loaded in %.1f s; %ds warm-up + %ds measured per run, "
            + "%d cores, Java %s, load average %s%n", InProcessEmbedder.MODEL_ID, (System.nanoTime() - t0) / 1e9, warmup,
        seconds, Runtime.getRuntime().availableProcessors(), Runtime.version(), CodeEvalBench.loadAverage());
    System.out.println();
    System.out.println("| callers | pairs/s | mean ms per pair |");
    System.out.println("|---:|---:|---:|");
    double best = 0;
    for (int c : callers) {
      double[] r = run(env, c, warmup, seconds);
      best = Math.max(best, r[0]);
      System.out.printf(Locale.ROOT, "| %d | %,.0f | %.2f |%n", c, r[0], r[1]);
    }
    System.out.printf(Locale.ROOT, "%nbest: %,.0f pairs/s (target ≥ %,.0f): %s; load average %s%n", best,
        TARGET_PAIRS_PER_SECOND, best >= TARGET_PAIRS_PER_SECOND ? "met" : "NOT met", CodeEvalBench.loadAverage());
  }

  /** {pairs per second, mean milliseconds per pair} with {@code callers} threads. */
  private static double[] run(EvalEnvironment env, int callers, int warmup, int seconds) throws InterruptedException {
    // Random 20-word sentences never repeat, so the shared cache never hits: every pair is embedded.
    RunnableEvaluator evaluator = new EmbeddingEvaluator(new EmbeddingSpec("sim", SubjectKind.SPAN, null, null, null,
        0.8, null), env);
    Evaluators.validate(evaluator.spec());
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    LongAdder pairs = new LongAdder();
    AtomicLong nanos = new AtomicLong();
    AtomicLong seed = new AtomicLong(System.nanoTime());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < callers; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        Random random = new Random(seed.incrementAndGet());
        while (!stop.get()) {
          Subject s = new Subject(SubjectKind.SPAN, "p", Evaluation.TargetKind.SPAN, "s", "t", null,
              sentence(random, 20), sentence(random, 20), null, null, null, null, null, null, Map.of(), Map.of(), "LLM",
              "OK", null, null, null, null, null, false);
          long start = System.nanoTime();
          try {
            evaluator.evaluate(s);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          if (measuring.get()) {
            pairs.increment();
            nanos.addAndGet(System.nanoTime() - start);
          }
        }
      }));
    }
    Thread.sleep(warmup * 1000L);
    measuring.set(true);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long elapsed = System.nanoTime() - start;
    measuring.set(false);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    long n = Math.max(1, pairs.sum());
    return new double[] {pairs.sum() / (elapsed / 1e9), nanos.get() / 1e6 / n};
  }

  private static String sentence(Random random, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return sb.append('.').toString();
  }
}
