package dev.assay.eval;

import dev.assay.llm.Embedder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded LRU of embeddings keyed by the SHA-256 of model id and text: evaluating many subjects against the
 * same reference (or the same output under several evaluators) embeds each text once. Keys are digests so the
 * cache holds no span text. Thread-safe.
 */
public final class EmbeddingCache {
  /** Default capacity: 384-dim vectors are ~1.6 KB, so 20k entries stay near 32 MB. */
  public static final int DEFAULT_ENTRIES = 20_000;
  private static final EmbeddingCache SHARED = new EmbeddingCache(DEFAULT_ENTRIES);

  private final int capacity;
  private final Map<ByteBuffer, float[]> entries;
  private long hits;
  private long misses;

  public EmbeddingCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(Math.min(capacity, 1_024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ByteBuffer, float[]> eldest) {
        return size() > EmbeddingCache.this.capacity;
      }
    };
  }

  /** The JVM's shared cache. */
  public static EmbeddingCache shared() {
    return SHARED;
  }

  /** The vectors of {@code texts} by {@code embedder}: cached ones from here, the rest embedded in one call. */
  public List<float[]> embed(Embedder embedder, List<String> texts) {
    List<ByteBuffer> keys = new ArrayList<>(texts.size());
    float[][] out = new float[texts.size()][];
    List<Integer> missing = new ArrayList<>();
    synchronized (this) {
      for (int i = 0; i < texts.size(); i++) {
        ByteBuffer key = key(embedder.id(), texts.get(i));
        keys.add(key);
        out[i] = entries.get(key);
        if (out[i] == null) {
          missing.add(i);
          misses++;
        } else {
          hits++;
        }
      }
    }
    if (!missing.isEmpty()) {
      List<String> toEmbed = new ArrayList<>(missing.size());
      missing.forEach(i -> toEmbed.add(texts.get(i)));
      List<float[]> vectors = embedder.embed(toEmbed);
      if (vectors.size() != toEmbed.size()) {
        throw new IllegalStateException("embedder " + embedder.id() + " returned " + vectors.size() + " vectors for "
            + toEmbed.size() + " texts");
      }
      synchronized (this) {
        for (int j = 0; j < missing.size(); j++) {
          int i = missing.get(j);
          out[i] = vectors.get(j);
          entries.put(keys.get(i), out[i]);
        }
      }
    }
    return List.of(out);
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized long hits() {
    return hits;
  }

  public synchronized long misses() {
    return misses;
  }

  static ByteBuffer key(String modelId, String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(modelId.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0); // separates id from text, so ("ab","c") and ("a","bc") differ
      sha.update((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
