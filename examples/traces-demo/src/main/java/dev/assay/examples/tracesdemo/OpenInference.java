package dev.assay.examples.tracesdemo;

/**
 * The OpenInference semantic-convention keys the demo writes, spelled as in the specification
 * ({@code openinference/spec/semantic_conventions.md}). Kept here as constants because the Java
 * {@code openinference-semantic-conventions} artifact is not on Maven Central under a stable coordinate;
 * the indexed keys ({@code llm.input_messages.<i>.message.role}) are built by the helpers below.
 */
final class OpenInference {
  static final String SPAN_KIND = "openinference.span.kind";
  static final String PROJECT_NAME = "openinference.project.name";

  static final String INPUT_VALUE = "input.value";
  static final String INPUT_MIME_TYPE = "input.mime_type";
  static final String OUTPUT_VALUE = "output.value";
  static final String OUTPUT_MIME_TYPE = "output.mime_type";
  static final String TEXT = "text/plain";
  static final String JSON = "application/json";

  static final String SESSION_ID = "session.id";
  static final String USER_ID = "user.id";
  static final String METADATA = "metadata";
  static final String TAGS = "tag.tags";
  static final String AGENT_NAME = "agent.name";

  static final String LLM_MODEL_NAME = "llm.model_name";
  static final String LLM_PROVIDER = "llm.provider";
  static final String LLM_SYSTEM = "llm.system";
  static final String LLM_INVOCATION_PARAMETERS = "llm.invocation_parameters";
  static final String LLM_TOKEN_PROMPT = "llm.token_count.prompt";
  static final String LLM_TOKEN_COMPLETION = "llm.token_count.completion";
  static final String LLM_TOKEN_TOTAL = "llm.token_count.total";
  static final String LLM_TOKEN_CACHE_READ = "llm.token_count.prompt_details.cache_read";
  static final String LLM_TOKEN_CACHE_WRITE = "llm.token_count.prompt_details.cache_write";
  static final String LLM_TOKEN_REASONING = "llm.token_count.completion_details.reasoning";

  static final String TOOL_NAME = "tool.name";
  static final String TOOL_DESCRIPTION = "tool.description";
  static final String TOOL_PARAMETERS = "tool.parameters";

  static final String EXCEPTION_TYPE = "exception.type";
  static final String EXCEPTION_MESSAGE = "exception.message";

  private OpenInference() {}

  static String inputMessage(int i, String field) {
    return "llm.input_messages." + i + ".message." + field;
  }

  static String outputMessage(int i, String field) {
    return "llm.output_messages." + i + ".message." + field;
  }

  /** {@code llm.output_messages.<m>.message.tool_calls.<c>.tool_call.<field>}, e.g. {@code function.name}. */
  static String outputToolCall(int message, int call, String field) {
    return outputMessage(message, "tool_calls." + call + ".tool_call." + field);
  }

  static String llmTool(int i) {
    return "llm.tools." + i + ".tool.json_schema";
  }

  static String document(int i, String field) {
    return "retrieval.documents." + i + ".document." + field;
  }
}
