package dev.assay.prompts;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message of a prompt template, AX's {@code LLMMessage}.
 *
 * @param role SYSTEM, USER, ASSISTANT or TOOL
 * @param content the template text, or null for an assistant message made only of tool calls
 * @param toolCallId for a TOOL message: the call it answers
 * @param toolCalls for an ASSISTANT message: AX's {@code ToolCall} objects as given
 */
public record PromptMessage(String role, String content, String toolCallId, List<Map<String, Object>> toolCalls) {
  public PromptMessage {
    Objects.requireNonNull(role, "role");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public static PromptMessage of(String role, String content) {
    return new PromptMessage(role, content, null, List.of());
  }
}
