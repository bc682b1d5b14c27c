package dev.assay.llm;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * all-MiniLM-L6-v2 (quantized, ONNX, 384 dimensions) run in this JVM through LangChain4j: the embedding
 * evaluator's default, so similarity checks need no provider and no network. The model (~23 MB) is loaded
 * once per JVM, on first use, by {@link #shared()}.
 */
public final class InProcessEmbedder implements Embedder {
  /** The model id, part of every embedding cache key. */
  public static final String MODEL_ID = "all-minilm-l6-v2-q";

  private final String id;
  private final Supplier<Function<List<String>, List<float[]>>> factory;
  private volatile Function<List<String>, List<float[]>> model;

  /** An embedder over any LangChain4j embedding model, created on first use (tests compare models with it). */
  public static InProcessEmbedder of(String id, Supplier<EmbeddingModel> factory) {
    return new InProcessEmbedder(id, () -> {
      EmbeddingModel m = factory.get();
      return texts -> {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        texts.forEach(t -> segments.add(TextSegment.from(t)));
        List<float[]> out = new ArrayList<>(texts.size());
        for (Embedding e : m.embedAll(segments).content()) {
          out.add(e.vector());
        }
        return out;
      };
    });
  }

  private InProcessEmbedder(String id, Supplier<Function<List<String>, List<float[]>>> factory) {
    this.id = Objects.requireNonNull(id, "id");
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** The JVM's one quantized all-MiniLM-L6-v2 embedder (its ONNX model run by MiniLmEncoder). */
  public static InProcessEmbedder shared() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final InProcessEmbedder INSTANCE = new InProcessEmbedder(MODEL_ID, MiniLmEncoder::new);
  }

  /** The quantized model through LangChain4j, one inference per text (the bench's and tests' baseline). */
  public static InProcessEmbedder langChain4jQuantized() {
    return of(MODEL_ID + "-lc4j", AllMiniLmL6V2QuantizedEmbeddingModel::new);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    List<String> clean = new ArrayList<>(texts.size());
    for (String t : texts) {
      // LangChain4j refuses blank segments; a blank text embeds as a single "-" (a near-constant vector).
      clean.add(t == null || t.isBlank() ? "-" : t);
    }
    List<float[]> out = new ArrayList<>(clean.size());
    for (float[] v : model().apply(clean)) {
      out.add(unit(v));
    }
    return out;
  }

  private Function<List<String>, List<float[]>> model() {
    Function<List<String>, List<float[]>> m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) {
          m = factory.get();
          model = m;
        }
      }
    }
    return m;
  }

  /** Scales to unit length (the ONNX encoder already normalises; this keeps the contract for any model). */
  static float[] unit(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    if (sum == 0 || Math.abs(sum - 1) < 1e-6) {
      return v;
    }
    float inv = (float) (1 / Math.sqrt(sum));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }

  /** The cosine of two unit vectors (their dot product). */
  public static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
    }
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
