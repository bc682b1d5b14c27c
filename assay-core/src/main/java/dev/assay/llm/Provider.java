package dev.assay.llm;

/**
 * A model provider (AX's {@code AiIntegrationProvider}, plus OLLAMA). CUSTOM is any OpenAI-compatible
 * endpoint by base URL (vLLM, Ollama's {@code /v1}, LM Studio, Groq, Together …).
 */
public enum Provider { OPEN_AI, AZURE_OPEN_AI, ANTHROPIC, OLLAMA, CUSTOM }
