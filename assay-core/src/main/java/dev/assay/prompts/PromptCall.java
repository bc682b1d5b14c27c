package dev.assay.prompts;

import dev.assay.llm.ChatResponse;

/** One call of a rendered prompt on a model: what was sent, what came back and how long it took. */
public record PromptCall(RenderedPrompt rendered, String model, ChatResponse response, long latencyNanos) {}
