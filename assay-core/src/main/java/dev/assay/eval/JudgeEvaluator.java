package dev.assay.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.llm.ChatModel;
import dev.assay.llm.ChatRequest;
import dev.assay.llm.ChatResponse;
import dev.assay.shared.InvalidInputException;
import dev.assay.traces.ModelPrices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An LLM-as-a-judge: binds the template's variables from the subject, renders the chat template (values
 * fenced, see {@link PromptFences}), asks the model for one rail label — by JSON schema, by the
 * {@value #TOOL_NAME} tool, or in text, explanation first when asked for — and reads the answer leniently
 * ({@link JudgeOutputParser}). Thread-safe: everything per call is local.
 */
public final class JudgeEvaluator implements RunnableEvaluator {
  /** The tool a judge calls in function-calling mode. */
  public static final String TOOL_NAME = "record_judgement";
  private static final ObjectMapper JSON = new ObjectMapper();

  private enum Mode { STRUCTURED, TOOL, TEXT }

  private final JudgeSpec spec;
  private final EvalEnvironment env;
  private final List<String> variables;
  private final PromptFences fences;
  private final JudgeOutputParser parser;
  private final Mode mode;
  private final String schemaJson;
  private final String instructions;

  /** @throws InvalidInputException when the spec's messages or rails are malformed ({@link #validate}) */
  public JudgeEvaluator(JudgeSpec spec, EvalEnvironment env) {
    validate(spec);
    this.spec = spec;
    this.env = env;
    this.variables = List.copyOf(TemplateRenderer.placeholders(spec.messages()));
    this.fences = PromptFences.of(spec.messages());
    this.parser = new JudgeOutputParser(spec.rails());
    this.mode = spec.useStructuredOutput() ? Mode.STRUCTURED : spec.useFunctionCalling() ? Mode.TOOL : Mode.TEXT;
    this.schemaJson = schema(spec);
    this.instructions = instructions(mode, spec);
  }

  /**
   * Checks a judge spec without building anything: at least one message with a known role and well-formed
   * placeholders, a user message, and valid rails.
   *
   * @throws InvalidInputException saying what is wrong
   */
  public static void validate(JudgeSpec spec) {
    if (spec.messages().isEmpty()) {
      throw new InvalidInputException("judge '" + spec.name() + "': messages are required");
    }
    for (int i = 0; i < spec.messages().size(); i++) {
      TemplateMessage message = spec.messages().get(i);
      if (!Set.of("system", "user", "assistant").contains(message.role())) {
        throw new InvalidInputException("judge '" + spec.name() + "': message " + (i + 1)
            + " has role '" + message.role() + "' (one of system, user, assistant)");
      }
      try {
        TemplateRenderer.placeholders(message.content());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("judge '" + spec.name() + "': message " + (i + 1) + ": " + e.getMessage());
      }
    }
    if (spec.messages().stream().noneMatch(m -> m.role().equals("user"))) {
      throw new InvalidInputException("judge '" + spec.name() + "': messages need at least one user message");
    }
    try {
      JudgeTemplates.checkRails(spec.rails());
    } catch (InvalidInputException e) {
      throw new InvalidInputException("judge '" + spec.name() + "': " + e.getMessage());
    }
  }

  @Override
  public JudgeSpec spec() {
    return spec;
  }

  /** The variables the messages use, in first-use order. */
  public List<String> variables() {
    return variables;
  }

  @Override
  public EvalOutcome evaluate(Subject subject) throws EvaluationException {
    ModelRef model = spec.model();
    if (model == null || model.modelName() == null || model.modelName().isBlank()) {
      throw noModel(spec.name());
    }
    Map<String, String> values = fences.neutralise(VariableBinder.bind(subject, variables, spec.mappings()));
    List<TemplateMessage> rendered = TemplateRenderer.render(spec.messages(), values);
    ChatRequest request = request(model, rendered);
    ChatModel chat = env.chatModel(model);
    ChatResponse response = chat.chat(request);
    JudgeOutputParser.Judgement judgement = parser.parse(response, mode == Mode.STRUCTURED);
    double score = spec.rails().get(judgement.label());
    return new EvalOutcome(judgement.label(), score, judgement.explanation(), passed(score),
        metadata(model, response, judgement.parseMode()));
  }

  /** The request for rendered messages: output instructions appended to the last user message. */
  ChatRequest request(ModelRef model, List<TemplateMessage> rendered) {
    int lastUser = -1;
    for (int i = 0; i < rendered.size(); i++) {
      if (rendered.get(i).role().equals("user")) {
        lastUser = i;
      }
    }
    List<ChatRequest.Message> messages = new ArrayList<>(rendered.size());
    for (int i = 0; i < rendered.size(); i++) {
      TemplateMessage message = rendered.get(i);
      String content = i == lastUser ? message.content().stripTrailing() + "\n\n" + instructions : message.content();
      messages.add(new ChatRequest.Message(message.role(), content));
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("temperature", 0);
    parameters.putAll(model.invocationParameters());
    return new ChatRequest(model.modelName(), messages, parameters, mode == Mode.STRUCTURED ? schemaJson : null,
        mode == Mode.TOOL ? new ChatRequest.Tool(TOOL_NAME, "Record the judgement of the content under evaluation.",
            schemaJson) : null);
  }

  private Boolean passed(double score) {
    return switch (spec.direction()) {
      case MAXIMIZE -> score == spec.rails().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      case MINIMIZE -> score == spec.rails().values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      case NONE -> null;
    };
  }

  private static Map<String, Object> metadata(ModelRef model, ChatResponse response, String parseMode) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("judge_model", model.modelName());
    if (model.modelConfigId() != null) {
      metadata.put("model_config_id", model.modelConfigId());
    }
    metadata.put("prompt_tokens", response.inputTokens());
    metadata.put("completion_tokens", response.outputTokens());
    if (response.cached()) {
      metadata.put("cost_usd", 0.0); // answered from the cache: nothing was spent
    } else {
      ModelPrices.Cost cost = ModelPrices.standard().cost(model.modelName(), null, response.inputTokens(),
          response.outputTokens(), null);
      if (cost != null && cost.total() != null) {
        metadata.put("cost_usd", cost.total());
      }
    }
    metadata.put("attempts", response.attempts());
    metadata.put("cached", response.cached());
    metadata.put("parse_mode", parseMode);
    return metadata;
  }

  /** The error of a judge without a model: it says how to configure one. */
  static EvaluationException noModel(String name) {
    return new EvaluationException("judge '" + name + "' has no model configured. Create a model config — "
        + "`assay models create --name openai --provider OPENAI --api-key-env OPENAI_API_KEY --model gpt-4o-mini`, "
        + "the Models page, or POST /v2/ai-integrations — then set the evaluator's model (a new version whose "
        + "spec.model has model_config_id and model_name, or `--model <config>/<model-name>` on the CLI).");
  }

  /** The answer's JSON schema: explanation first (explain-then-label), then the label as an enum of the rails. */
  private static String schema(JudgeSpec spec) {
    ObjectNode schema = JSON.createObjectNode();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = schema.putArray("required");
    if (spec.includeExplanation()) {
      properties.putObject("explanation").put("type", "string")
          .put("description", "Your reasoning in a few sentences, written before you choose the label.");
      required.add("explanation");
    }
    ObjectNode label = properties.putObject("label");
    label.put("type", "string").put("description", "Exactly one of the allowed labels.");
    ArrayNode allowed = label.putArray("enum");
    spec.rails().keySet().forEach(allowed::add);
    required.add("label");
    schema.put("additionalProperties", false);
    return schema.toString();
  }

  private static String instructions(Mode mode, JudgeSpec spec) {
    String labels = String.join(", ", spec.rails().keySet());
    boolean explain = spec.includeExplanation();
    return switch (mode) {
      case STRUCTURED -> explain
          ? "Reply with a JSON object: first \"explanation\" (your reasoning in a few sentences), then \"label\" "
              + "(exactly one of: " + labels + ")."
          : "Reply with a JSON object with one field, \"label\" (exactly one of: " + labels + ").";
      case TOOL -> "Record your judgement by calling the tool " + TOOL_NAME + (explain
          ? " with \"explanation\" (your reasoning in a few sentences, written first) and \"label\""
          : " with \"label\"") + " (exactly one of: " + labels + ").";
      case TEXT -> explain
          ? "Answer in exactly this format, reasoning first:\nEXPLANATION: <your reasoning in a few sentences>\n"
              + "LABEL: <exactly one of: " + labels + ">"
          : "Answer with exactly one of these labels and nothing else: " + labels;
    };
  }
}
