package dev.assay.llm;

import java.util.List;

/** Turns texts into unit-length vectors. Thread-safe. */
public interface Embedder {

  /** A stable name for the model, part of the embedding cache key. */
  String id();

  /** One vector per text, in order. @throws ProviderException when a provider endpoint failed */
  List<float[]> embed(List<String> texts);
}
