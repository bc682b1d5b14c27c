package dev.assay.llm;

/** One chat completion call to a provider. Blocking; thread-safe. */
public interface ChatModel {

  /**
   * @throws ProviderException when the provider refused or failed the call (status, kind and
   *     {@code Retry-After} kept)
   */
  ChatResponse chat(ChatRequest request);
}
