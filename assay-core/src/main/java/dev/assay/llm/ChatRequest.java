package dev.assay.llm;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chat completion request.
 *
 * @param parameters invocation parameters (temperature, max_tokens, top_p, stop …); temperature is 0 unless set
 * @param responseSchemaJson a JSON schema to ask for structured output with, null for free text
 * @param tool a single tool the model should call with its answer (the judge's function-calling mode), or null
 */
public record ChatRequest(String model, List<Message> messages, Map<String, Object> parameters, String responseSchemaJson,
    Tool tool) {

  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  /** A chat message: role {@code system}, {@code user} or {@code assistant}. */
  public record Message(String role, String content) {}

  /** A tool offered to the model; parameters as a JSON schema. */
  public record Tool(String name, String description, String parametersSchemaJson) {}
}
