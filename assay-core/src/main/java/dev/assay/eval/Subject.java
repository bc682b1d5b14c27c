package dev.assay.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The uniform thing an evaluator sees (DESIGN §1), built from a span, a trace, a trajectory, a session or a
 * dataset example plus a task output by {@code SubjectBuilder}. Every text field is untrusted span content.
 *
 * <p>Evaluators bind template variables to these fields by name ({@code input}, {@code output},
 * {@code reference}, {@code context}, {@code conversation}, {@code tool_calls}, {@code available_tools}, …)
 * or by path ({@code attributes.llm.model_name}, {@code input.$.question} as JSONPath into the input).
 *
 * @param targetKind what an evaluation of this subject is stored against
 * @param targetId span id, trace id, session id or example id
 * @param traceId the trace the subject comes from, null for sessions and examples
 * @param input the input text ({@code input.value} of the span or root span, the example's input as JSON text)
 * @param output the output text; for an example, the task's output
 * @param reference the expected output, when known (an example's expected output, {@code reference} attributes)
 * @param context retrieved documents, in rank order
 * @param messages the LLM input and output messages of a span, in order
 * @param tools the tool definitions offered to the model ({@code llm.tools})
 * @param toolCalls the tool calls the model made, with their results where a TOOL span holds them
 * @param steps the ordered steps of a trace (TRACE and TRAJECTORY subjects), empty otherwise
 * @param conversation a session's turns in order (SESSION subjects), empty otherwise
 * @param attributes the flattened OpenInference attributes of the span (of the root span for traces)
 * @param metadata the span's {@code metadata} attribute or the example's metadata
 * @param spanKind the span kind of the span or root span, null for sessions and examples
 * @param fromEvaluator true when the span was produced by an evaluator (its own judge calls): the loop guard
 *     never evaluates these
 */
public record Subject(
    SubjectKind kind,
    String projectId,
    Evaluation.TargetKind targetKind,
    String targetId,
    String traceId,
    String input,
    String output,
    String reference,
    List<Document> context,
    List<Message> messages,
    List<ToolDefinition> tools,
    List<ToolCall> toolCalls,
    List<Step> steps,
    List<Turn> conversation,
    Map<String, Object> attributes,
    Map<String, Object> metadata,
    String spanKind,
    String statusCode,
    Double latencyMs,
    Long promptTokens,
    Long completionTokens,
    Long totalTokens,
    Double cost,
    boolean fromEvaluator) {

  public Subject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(targetKind, "targetKind");
    Objects.requireNonNull(targetId, "targetId");
    context = context == null ? List.of() : List.copyOf(context);
    messages = messages == null ? List.of() : List.copyOf(messages);
    tools = tools == null ? List.of() : List.copyOf(tools);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    steps = steps == null ? List.of() : List.copyOf(steps);
    conversation = conversation == null ? List.of() : List.copyOf(conversation);
    attributes = attributes == null ? Map.of() : attributes;
    metadata = metadata == null ? Map.of() : metadata;
  }

  /** A retrieved document. */
  public record Document(String id, String content, Double score, Map<String, Object> metadata) {}

  /** A chat message; {@code toolCalls} are the calls an assistant message makes. */
  public record Message(String role, String content, List<ToolCall> toolCalls) {
    public Message {
      toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }
  }

  /** A tool offered to the model: its name, description and JSON-schema parameters as JSON text. */
  public record ToolDefinition(String name, String description, String parametersJson) {}

  /** A call of a tool: arguments as JSON text, the result text when known, the error when it failed. */
  public record ToolCall(String id, String name, String argumentsJson, String result, String error) {}

  /**
   * One step of a trace, in start-time order: an LLM, TOOL, RETRIEVER, AGENT (or other) span with its name,
   * input, output, the tool name and arguments of TOOL steps, and its error message when its status is ERROR.
   */
  public record Step(String spanId, String parentId, String spanKind, String name, String input, String output,
      String toolName, String toolArgumentsJson, String error, long startTime, long endTime) {}

  /** One turn of a session: a trace's user input and the assistant's output, in time order. */
  public record Turn(String traceId, String input, String output, long startTime) {}
}
