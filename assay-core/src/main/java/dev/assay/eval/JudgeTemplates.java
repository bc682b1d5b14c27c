package dev.assay.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.assay.shared.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The judge templates: the built-in ones are data files ({@code judge-templates/index.txt} lists
 * {@code <id>.yaml} files in display order), loaded and validated once; custom ones are parsed from the same
 * YAML (or JSON) shape:
 *
 * <pre>
 * id: hallucination                 # lowercase letters, digits, _
 * name: Hallucination
 * description: …
 * granularity: SPAN                 # SPAN | TRACE | TRAJECTORY | SESSION | EXAMPLE
 * direction: MINIMIZE               # MAXIMIZE | MINIMIZE | NONE
 * rails: {hallucinated: 1, grounded: 0}   # label → score, at least two, in order
 * variables: [input, context, output]     # exactly the placeholders the messages use
 * explanation_by_default: true
 * messages: [{role: system, content: …}, {role: user, content: "… {input} …"}]
 * </pre>
 */
public final class JudgeTemplates {
  private static final String FOLDER = "judge-templates/";
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Set<String> ROLES = Set.of("system", "user", "assistant");
  private static final int MAX_YAML_CHARS = 256 * 1024;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private static final class BuiltIn {
    static final JudgeTemplates TEMPLATES = load();
  }

  private final List<JudgeTemplate> all;
  private final Map<String, JudgeTemplate> byId;

  private JudgeTemplates(List<JudgeTemplate> all) {
    this.all = List.copyOf(all);
    Map<String, JudgeTemplate> index = new LinkedHashMap<>();
    for (JudgeTemplate template : all) {
      index.put(template.id(), template);
    }
    this.byId = Collections.unmodifiableMap(index);
  }

  /** The built-in templates, loaded on first use. */
  public static JudgeTemplates builtIn() {
    return BuiltIn.TEMPLATES;
  }

  /** Every template, in index order. */
  public List<JudgeTemplate> all() {
    return all;
  }

  public Optional<JudgeTemplate> find(String id) {
    return Optional.ofNullable(id == null ? null : byId.get(id));
  }

  /**
   * Parses and validates one template.
   *
   * @throws InvalidInputException saying what is wrong (unknown field, unknown placeholder, fewer than two
   *     rails …)
   */
  public static JudgeTemplate parse(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      throw new InvalidInputException("judge template: empty document");
    }
    if (yaml.length() > MAX_YAML_CHARS) {
      throw new InvalidInputException("judge template: larger than " + MAX_YAML_CHARS + " characters");
    }
    Raw raw;
    try {
      raw = YAML.readValue(yaml, Raw.class);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidInputException("judge template: unknown field '" + e.getPropertyName() + "' (known: "
          + String.join(", ", KNOWN_FIELDS) + ")");
    } catch (InvalidFormatException e) {
      throw new InvalidInputException("judge template: field '" + path(e) + "' has an invalid value '"
          + e.getValue() + "'" + allowed(e.getTargetType()));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("judge template: not valid YAML: " + e.getOriginalMessage());
    }
    if (raw == null) {
      throw new InvalidInputException("judge template: empty document");
    }
    return validate(raw);
  }

  private static final List<String> KNOWN_FIELDS = List.of("id", "name", "description", "granularity",
      "direction", "rails", "variables", "explanation_by_default", "messages");

  /** The YAML shape; validated into a {@link JudgeTemplate}. */
  private record Raw(String id, String name, String description, SubjectKind granularity, Direction direction,
      LinkedHashMap<String, Double> rails, List<String> variables,
      @JsonProperty("explanation_by_default") Boolean explanationByDefault, List<RawMessage> messages) {}

  private record RawMessage(String role, String content) {}

  private static JudgeTemplate validate(Raw raw) {
    String id = required(raw.id(), "id");
    if (!ID.matcher(id).matches()) {
      throw invalid(id, "id must be lowercase letters, digits and '_' starting with a letter (at most 64), got '"
          + id + "'");
    }
    String name = required(raw.name(), "name").strip();
    if (raw.granularity() == null) {
      throw invalid(id, "granularity is required (one of SPAN, TRACE, TRAJECTORY, SESSION, EXAMPLE)");
    }
    if (raw.direction() == null) {
      throw invalid(id, "direction is required (one of MAXIMIZE, MINIMIZE, NONE)");
    }
    Map<String, Double> rails = rails(id, raw.rails());
    List<TemplateMessage> messages = messages(id, raw.messages());
    List<String> variables = variables(id, raw.variables(), messages);
    String description = raw.description() == null ? "" : raw.description().strip();
    boolean explain = raw.explanationByDefault() == null || raw.explanationByDefault();
    return new JudgeTemplate(id, name, description, raw.granularity(), raw.direction(), rails, variables, messages,
        explain);
  }

  /** Rails are validated the same way for templates and for judge specs: {@link #checkRails}. */
  private static Map<String, Double> rails(String id, LinkedHashMap<String, Double> rails) {
    try {
      checkRails(rails);
    } catch (InvalidInputException e) {
      throw invalid(id, e.getMessage());
    }
    return rails;
  }

  /**
   * Checks a rail set: at least two labels, each a short single-line word or phrase without braces, distinct
   * ignoring case, with a finite score.
   *
   * @throws InvalidInputException saying which rule a label breaks
   */
  public static void checkRails(Map<String, Double> rails) {
    if (rails == null || rails.size() < 2) {
      throw new InvalidInputException("rails need at least two labels (label → score), got "
          + (rails == null ? 0 : rails.size()));
    }
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, Double> rail : rails.entrySet()) {
      String label = rail.getKey();
      if (label == null || label.isBlank() || label.length() > 64 || !label.strip().equals(label)
          || label.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '{' || c == '}' || c == '"')
          || label.chars().noneMatch(Character::isLetterOrDigit)) {
        throw new InvalidInputException("rail label '" + label + "' must be 1-64 characters on one line with a letter"
            + " or digit, without surrounding spaces, braces or quotes");
      }
      if (!seen.add(label.toLowerCase(Locale.ROOT))) {
        throw new InvalidInputException("rail label '" + label + "' appears twice (labels are matched ignoring case)");
      }
      if (rail.getValue() == null || !Double.isFinite(rail.getValue())) {
        throw new InvalidInputException("rail '" + label + "' needs a finite score");
      }
    }
  }

  private static List<TemplateMessage> messages(String id, List<RawMessage> raw) {
    if (raw == null || raw.isEmpty()) {
      throw invalid(id, "messages are required (a system and a user message)");
    }
    List<TemplateMessage> messages = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      RawMessage message = raw.get(i);
      if (message == null || message.role() == null || !ROLES.contains(message.role())) {
        throw invalid(id, "message " + (i + 1) + ": role must be one of system, user, assistant");
      }
      if (message.content() == null || message.content().isBlank()) {
        throw invalid(id, "message " + (i + 1) + ": content is empty");
      }
      try {
        TemplateRenderer.placeholders(message.content());
      } catch (IllegalArgumentException e) {
        throw invalid(id, "message " + (i + 1) + ": " + e.getMessage());
      }
      messages.add(new TemplateMessage(message.role(), message.content()));
    }
    if (messages.stream().noneMatch(m -> m.role().equals("user"))) {
      throw invalid(id, "messages need at least one user message");
    }
    return messages;
  }

  private static List<String> variables(String id, List<String> declared, List<TemplateMessage> messages) {
    if (declared == null || declared.isEmpty()) {
      throw invalid(id, "variables are required (the placeholders the messages use)");
    }
    Set<String> variables = new LinkedHashSet<>();
    for (String variable : declared) {
      if (variable == null || !TemplateRenderer.isName(variable)) {
        throw invalid(id, "variable '" + variable + "' is not a name (letters, digits, '_' and '.')");
      }
      if (!variables.add(variable)) {
        throw invalid(id, "variable '" + variable + "' is listed twice");
      }
    }
    Set<String> used = TemplateRenderer.placeholders(messages);
    for (String placeholder : used) {
      if (!variables.contains(placeholder)) {
        throw invalid(id, "messages use {" + placeholder + "}, which is not in variables " + variables);
      }
    }
    for (String variable : variables) {
      if (!used.contains(variable)) {
        throw invalid(id, "variable '" + variable + "' is declared but no message uses {" + variable + "}");
      }
    }
    return List.copyOf(variables);
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("judge template: " + field + " is required");
    }
    return value;
  }

  private static InvalidInputException invalid(String id, String message) {
    return new InvalidInputException("judge template '" + id + "': " + message);
  }

  private static String path(InvalidFormatException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
        .reduce((a, b) -> a + "." + b).orElse("?");
  }

  private static String allowed(Class<?> type) {
    if (type != null && type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        names.add(constant.toString());
      }
      return " (one of " + String.join(", ", names) + ")";
    }
    return "";
  }

  private static JudgeTemplates load() {
    String index = read(FOLDER + "index.txt");
    List<JudgeTemplate> templates = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String line : index.split("\n")) {
      String file = line.strip();
      if (file.isEmpty() || file.startsWith("#")) {
        continue;
      }
      JudgeTemplate template;
      try {
        template = parse(read(FOLDER + file));
      } catch (InvalidInputException e) {
        throw new IllegalStateException(FOLDER + file + ": " + e.getMessage(), e);
      }
      if (!file.equals(template.id() + ".yaml")) {
        throw new IllegalStateException(FOLDER + file + " holds template '" + template.id() + "'; name it "
            + template.id() + ".yaml");
      }
      if (!ids.add(template.id())) {
        throw new IllegalStateException(FOLDER + "index.txt lists '" + file + "' twice");
      }
      templates.add(template);
    }
    return new JudgeTemplates(templates);
  }

  private static String read(String resource) {
    try (InputStream in = JudgeTemplates.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }
}
