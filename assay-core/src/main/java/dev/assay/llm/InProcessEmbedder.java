package dev.assay.llm;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
  private final Supplier<EmbeddingModel> factory;
  private volatile EmbeddingModel model;

  /** An embedder over any LangChain4j embedding model, created on first use (tests compare models with it). */
  public InProcessEmbedder(String id, Supplier<EmbeddingModel> factory) {
    this.id = Objects.requireNonNull(id, "id");
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** The JVM's one quantized all-MiniLM-L6-v2 embedder. */
  public static InProcessEmbedder shared() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final InProcessEmbedder INSTANCE = new InProcessEmbedder(MODEL_ID, AllMiniLmL6V2QuantizedEmbeddingModel::new);
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
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String t : texts) {
      // LangChain4j refuses blank segments; a blank text embeds as a single space (a near-constant vector).
      segments.add(TextSegment.from(t == null || t.isBlank() ? " " : t));
    }
    List<Embedding> embeddings = model().embedAll(segments).content();
    List<float[]> out = new ArrayList<>(embeddings.size());
    for (Embedding e : embeddings) {
      out.add(unit(e.vector()));
    }
    return out;
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
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
