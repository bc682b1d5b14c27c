package dev.assay.eval;

import static dev.assay.eval.Scenario.*;
import static dev.assay.eval.StoredSpans.ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.llm.ChatModel;
import dev.assay.llm.Embedder;
import dev.assay.llm.InProcessEmbedder;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Times;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The in-process embedder, its cache and the embedding evaluator on ingested subjects. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddingEvaluatorTest {
  /** Paraphrase pairs (same meaning, different words). */
  static final String[][] PARAPHRASES = {
      {"How do I reset my password?", "What are the steps to change my password if I forgot it?"},
      {"The meeting has been moved to Thursday afternoon.", "We rescheduled the meeting for Thursday after lunch."},
      {"Your order will arrive within three business days.", "Expect delivery of the order in 3 working days."},
      {"The restaurant was closed when we got there.", "When we arrived, the restaurant had already shut."},
      {"Please restart the server before applying the patch.", "Reboot the server first, then install the patch."},
      {"She is afraid of flying.", "Travelling by plane scares her."},
      {"The invoice is overdue by two weeks.", "Payment of the bill is fourteen days late."},
      {"Backups are kept for thirty days.", "We retain backup copies for 30 days."},
      {"He bought a new laptop yesterday.", "Yesterday he purchased a new notebook computer."},
      {"The train was cancelled because of the storm.", "Due to the storm, the train did not run."},
      {"Can I pay with a credit card?", "Do you accept credit cards as payment?"},
      {"The API returns an error when the token expires.", "Once the token has expired, the API responds with an error."},
  };
  /** Unrelated pairs. */
  static final String[][] UNRELATED = {
      {"How do I reset my password?", "The giraffe is the tallest land animal."},
      {"The meeting has been moved to Thursday afternoon.", "Add two cups of flour and stir gently."},
      {"Your order will arrive within three business days.", "Photosynthesis converts light into chemical energy."},
      {"The restaurant was closed when we got there.", "The kernel schedules threads across CPU cores."},
      {"Please restart the server before applying the patch.", "Her poems are full of images of the sea."},
      {"She is afraid of flying.", "Quarterly revenue grew by eight percent."},
      {"The invoice is overdue by two weeks.", "The hiking trail climbs through a pine forest."},
      {"Backups are kept for thirty days.", "The orchestra tuned their instruments before the concert."},
      {"He bought a new laptop yesterday.", "Volcanoes form where tectonic plates meet."},
      {"The train was cancelled because of the storm.", "This sauce goes well with grilled fish."},
      {"Can I pay with a credit card?", "The novel is set in nineteenth-century Russia."},
      {"The API returns an error when the token expires.", "Tulips bloom in early spring."},
  };

  @TempDir static Path dir;
  private StoredSpans db;
  private final EvalEnvironment env = new EvalEnvironment() {
    @Override
    public ChatModel chatModel(ModelRef ref) throws EvaluationException {
      throw new EvaluationException("no chat models in this test");
    }

    @Override
    public Embedder embedder(ModelRef ref) {
      return InProcessEmbedder.shared();
    }
  };

  @BeforeAll
  void start() {
    db = new StoredSpans(dir);
    db.ingest(PROJECT, Scenario.spans(Times.micros(Instant.now())));
  }

  @AfterAll
  void stop() {
    db.close();
  }

  @Test
  void quantizedModel_separatesParaphrasesFromUnrelatedPairs_andStaysCloseToTheFullModel() {
    InProcessEmbedder quantized = InProcessEmbedder.shared();
    InProcessEmbedder full = InProcessEmbedder.of("all-minilm-l6-v2", AllMiniLmL6V2EmbeddingModel::new);
    double[] qPara = cosines(quantized, PARAPHRASES);
    double[] qUnrel = cosines(quantized, UNRELATED);
    double[] fPara = cosines(full, PARAPHRASES);
    double[] fUnrel = cosines(full, UNRELATED);

    double maxDiff = 0;
    double sumDiff = 0;
    for (int i = 0; i < qPara.length; i++) {
      double d1 = Math.abs(qPara[i] - fPara[i]);
      double d2 = Math.abs(qUnrel[i] - fUnrel[i]);
      maxDiff = Math.max(maxDiff, Math.max(d1, d2));
      sumDiff += d1 + d2;
    }
    System.out.printf(Locale.ROOT, "MiniLM cosines (q / full): paraphrases min %.3f / %.3f mean %.3f / %.3f; "
            + "unrelated max %.3f / %.3f mean %.3f / %.3f; |q - full| max %.4f mean %.4f over %d pairs%n",
        min(qPara), min(fPara), mean(qPara), mean(fPara), max(qUnrel), max(fUnrel), mean(qUnrel), mean(fUnrel),
        maxDiff, sumDiff / (2 * qPara.length), 2 * qPara.length);

    assertTrue(min(qPara) > max(qUnrel), "a paraphrase scored below an unrelated pair");
    assertTrue(mean(qPara) - mean(qUnrel) > 0.4, "paraphrases and unrelated pairs are not far apart");
    assertTrue(maxDiff < 0.05, "the quantized model drifts from the full one by " + maxDiff);
  }

  @Test
  void sharedEncoder_givesLangChain4jsVectors_forShortAndLongTexts() {
    List<String> texts = new ArrayList<>();
    for (String[] p : PARAPHRASES) {
      texts.add(p[0]);
      texts.add(p[1]);
    }
    texts.add(" ");
    texts.add((DOC1 + " ").repeat(60)); // ~1,000 tokens: past the model's 512, so LangChain4j's chunking answers
    List<float[]> shared = InProcessEmbedder.shared().embed(texts);
    List<String> forLangChain4j = texts.stream().map(t -> t.isBlank() ? "-" : t).toList();
    List<float[]> reference = InProcessEmbedder.langChain4jQuantized().embed(forLangChain4j);
    double worst = 1;
    for (int i = 0; i < texts.size(); i++) {
      worst = Math.min(worst, InProcessEmbedder.cosine(shared.get(i), reference.get(i)));
    }
    System.out.printf(Locale.ROOT, "shared encoder vs LangChain4j vectors: lowest cosine %.6f over %d texts%n", worst, texts.size());
    assertTrue(worst > 0.9999, "the shared encoder's vectors differ from LangChain4j's: cosine " + worst);
  }

  @Test
  void evaluator_comparesTwoFieldsOfAStoredTrace_andCachesEmbeddings() throws Exception {
    EmbeddingCache cache = new EmbeddingCache(100);
    EmbeddingSpec spec = new EmbeddingSpec("similar_to_reference", SubjectKind.TRACE, null, null, null, 0.7, null);
    EmbeddingEvaluator evaluator = new EmbeddingEvaluator(spec, env, cache);
    Subject rag = db.subjects.trace(ALL, PROJECT, RAG1);

    EvalOutcome o = evaluator.evaluate(rag);

    assertEquals("pass", o.label());
    assertTrue(o.passed());
    assertTrue((double) o.metadata().get("cosine") > 0.7, o.toString());
    assertEquals(InProcessEmbedder.MODEL_ID, o.metadata().get("embedding_model"));
    assertEquals(2, cache.misses());
    evaluator.evaluate(rag);
    assertEquals(2, cache.misses());
    assertEquals(2, cache.hits());

    EmbeddingSpec offTopic = new EmbeddingSpec("answers_the_request", SubjectKind.TRACE, Map.of("answer", "output"),
        "answer", "document_text", 0.7, null);
    EvalOutcome bad = Evaluators.prepare(offTopic, env).evaluate(
        new Subject(SubjectKind.TRACE, "p", Evaluation.TargetKind.TRACE, "t", "t", "q", "Tulips bloom in early spring.",
            null, List.of(new Subject.Document("d", DOC1, null, null)), null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, false));
    assertEquals("fail", bad.label());
    assertFalse(bad.passed());

    UnboundVariableException u = assertThrows(UnboundVariableException.class,
        () -> evaluator.evaluate(db.subjects.trace(ALL, PROJECT, RAG2)));
    assertEquals("reference", u.variable());
  }

  @Test
  void cache_evictsTheLeastRecentlyUsed_andKeysByModelAndText() {
    AtomicInteger calls = new AtomicInteger();
    Embedder counting = new Embedder() {
      @Override
      public String id() {
        return "fake";
      }

      @Override
      public List<float[]> embed(List<String> texts) {
        calls.addAndGet(texts.size());
        return texts.stream().map(t -> new float[] {t.length(), 1}).toList();
      }
    };
    EmbeddingCache cache = new EmbeddingCache(2);
    cache.embed(counting, List.of("a", "bb"));
    cache.embed(counting, List.of("a"));     // hit; "bb" is now the eldest
    cache.embed(counting, List.of("ccc"));   // evicts "bb"
    assertEquals(3, calls.get());
    cache.embed(counting, List.of("a", "ccc"));
    assertEquals(3, calls.get());
    cache.embed(counting, List.of("bb"));
    assertEquals(4, calls.get());
    assertEquals(2, cache.size());
    assertFalse(EmbeddingCache.key("m1", "ab").equals(EmbeddingCache.key("m1a", "b")));
  }

  @Test
  void badSpecs_areInvalidInput() {
    assertThrows(InvalidInputException.class, () -> Evaluators.validate(
        new EmbeddingSpec("e", null, null, "output", "nowhere", null, null)));
    assertThrows(InvalidInputException.class, () -> Evaluators.validate(
        new EmbeddingSpec("e", null, null, null, null, 1.5, null)));
    assertThrows(InvalidInputException.class, () -> Evaluators.validate(
        new EmbeddingSpec("e", null, null, null, null, null, new ModelRef(null, "text-embedding-3-small", null))));
  }

  private static double[] cosines(InProcessEmbedder embedder, String[][] pairs) {
    List<String> texts = new ArrayList<>();
    for (String[] p : pairs) {
      texts.add(p[0]);
      texts.add(p[1]);
    }
    List<float[]> v = embedder.embed(texts);
    double[] out = new double[pairs.length];
    for (int i = 0; i < pairs.length; i++) {
      out[i] = InProcessEmbedder.cosine(v.get(2 * i), v.get(2 * i + 1));
    }
    return out;
  }

  private static double min(double[] a) {
    return java.util.Arrays.stream(a).min().orElseThrow();
  }

  private static double max(double[] a) {
    return java.util.Arrays.stream(a).max().orElseThrow();
  }

  private static double mean(double[] a) {
    return java.util.Arrays.stream(a).average().orElseThrow();
  }
}
