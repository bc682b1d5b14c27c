package dev.assay.llm;

/** The outcome of one real call made to check a model config ({@link ModelGateway#test}). */
public record ModelTestResult(String modelName, String responseText, long latencyMs, long inputTokens, long outputTokens) {}
