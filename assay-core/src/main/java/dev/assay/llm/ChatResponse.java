package dev.assay.llm;

/**
 * What the model answered.
 *
 * @param text the assistant's text, null when it only called the tool
 * @param toolArgumentsJson the arguments of the tool call, null when there was none
 * @param raw the raw response body (kept on parse failures)
 * @param attempts calls made for this answer, retries included (1 when the first answered)
 * @param cached true when the executor's response cache answered without calling the provider
 */
public record ChatResponse(String text, String toolArgumentsJson, long inputTokens, long outputTokens, String raw,
    int attempts, boolean cached) {}
