package dev.assay.prompts;

import dev.assay.auth.AccessScope;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.ModelRef;
import dev.assay.llm.ChatModel;
import dev.assay.llm.ChatRequest;
import dev.assay.llm.ChatResponse;
import dev.assay.llm.ProviderException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prompts with immutable versions and movable labels. {@code promptRef} is an id or a name in {@code spaceRef}
 * (default space when null). The methods below are the contract other features call; the prompts feature adds
 * create, update, delete, versions and labels. Every draft is validated ({@link PromptDrafts}) before anything is
 * stored.
 */
public final class PromptService {
  /** Label names: case-sensitive, safe in a URL path ({@code production}, {@code staging}, {@code v2.1-rc}). */
  public static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
  static final int MAX_LABELS = 50;

  private final PromptStore store;
  private final SpaceService spaces;
  private final Clock clock;

  public PromptService(PromptStore store, SpaceService spaces, Clock clock) {
    if (store == null || spaces == null || clock == null) {
      throw new NullPointerException("store, spaces and clock are required");
    }
    this.store = store;
    this.spaces = spaces;
    this.clock = clock;
  }

  /**
   * Creates a prompt with version 1 in {@code spaceRef} (the default space when null).
   *
   * @throws dev.assay.shared.ConflictException when the space has a prompt of that name
   * @throws InvalidInputException when the name or the version is invalid
   */
  public PromptWithVersion create(AccessScope scope, String spaceRef, String name, String description,
      PromptVersionDraft draft) {
    PromptVersionDraft valid = PromptDrafts.validate(draft);
    return store.create(scope, spaces.getOrDefault(scope, spaceRef).id(), name, description, valid);
  }

  /** Visible prompts ordered by name; {@code spaceRef} (id or name) narrows to one space. */
  public Page<Prompt> list(AccessScope scope, String spaceRef, String spaceNameContains, String nameContains,
      PageRequest page) {
    String spaceId = spaceRef == null ? null : spaces.get(scope, spaceRef).id();
    return store.list(scope, spaceId, spaceNameContains, nameContains, page);
  }

  /** The prompt {@code ref} (id, else name in {@code spaceRef}). */
  public Prompt prompt(AccessScope scope, String ref, String spaceRef) {
    if (ref == null || ref.isBlank()) {
      throw new NotFoundException("prompt '' not found");
    }
    var byId = store.findById(scope, ref);
    if (byId.isPresent()) {
      return byId.get();
    }
    Space space = spaces.getOrDefault(scope, spaceRef);
    return store.findByName(scope, space.id(), ref)
        .orElseThrow(() -> new NotFoundException("prompt '" + ref + "' not found in space '" + space.name() + "'"));
  }

  /** The prompt with the version chosen by id, else by label, else its latest; both given is a 400. */
  public PromptWithVersion get(AccessScope scope, String ref, String spaceRef, String versionId, String label) {
    if (versionId != null && label != null) {
      throw new InvalidInputException("give version_id or label, not both");
    }
    Prompt prompt = prompt(scope, ref, spaceRef);
    return new PromptWithVersion(prompt, resolve(scope, prompt, versionId, label));
  }

  /**
   * The version of a prompt chosen by id, else by label, else the latest.
   *
   * @throws dev.assay.shared.NotFoundException when the prompt, version or label does not exist
   */
  public PromptVersion resolve(AccessScope scope, String spaceRef, String promptRef, String versionId, String label) {
    return resolve(scope, prompt(scope, promptRef, spaceRef), versionId, label);
  }

  private PromptVersion resolve(AccessScope scope, Prompt prompt, String versionId, String label) {
    if (versionId != null) {
      return store.findVersion(scope, versionId).filter(v -> v.promptId().equals(prompt.id()))
          .orElseThrow(() -> new NotFoundException("prompt version " + versionId + " not found for prompt '"
              + prompt.name() + "'"));
    }
    if (label != null) {
      return store.findByLabel(scope, prompt.id(), label).orElseThrow(() -> new NotFoundException("prompt '"
          + prompt.name() + "' has no label '" + label + "'"));
    }
    return store.latestVersion(scope, prompt.id())
        .orElseThrow(() -> new NotFoundException("prompt '" + prompt.name() + "' has no versions"));
  }

  /** The version {@code label} of the prompt {@code ref} points at. */
  public PromptVersion versionByLabel(AccessScope scope, String ref, String spaceRef, String label) {
    return resolve(scope, prompt(scope, ref, spaceRef), null, label);
  }

  /** Sets the description; an empty one clears it. */
  public Prompt update(AccessScope scope, String ref, String spaceRef, String description) {
    if (description == null) {
      throw new InvalidInputException("nothing to update: give description");
    }
    return store.update(scope, prompt(scope, ref, spaceRef).id(), description);
  }

  /** Deletes the prompt with its versions and labels. */
  public void delete(AccessScope scope, String ref, String spaceRef) {
    Prompt prompt = prompt(scope, ref, spaceRef);
    if (!store.delete(scope, prompt.id())) {
      throw new NotFoundException("prompt '" + ref + "' not found");
    }
  }

  /** Appends a new immutable version. */
  public PromptVersion createVersion(AccessScope scope, String ref, String spaceRef, PromptVersionDraft draft) {
    Prompt prompt = prompt(scope, ref, spaceRef);
    return store.appendVersion(scope, prompt.id(), PromptDrafts.validate(draft));
  }

  /** Versions of the prompt {@code ref}, newest first. */
  public Page<PromptVersion> listVersions(AccessScope scope, String ref, String spaceRef, PageRequest page) {
    return store.listVersions(scope, prompt(scope, ref, spaceRef).id(), page);
  }

  /** A version by its id alone (experiments store version ids). */
  public PromptVersion version(AccessScope scope, String versionId) {
    if (versionId == null || versionId.isBlank()) {
      throw new NotFoundException("prompt version '' not found");
    }
    return store.findVersion(scope, versionId)
        .orElseThrow(() -> new NotFoundException("prompt version " + versionId + " not found"));
  }

  /**
   * Makes {@code labels} exactly the version's labels: a label on another version of the prompt moves here, one
   * of this version that is not listed is removed (one transaction).
   */
  public PromptVersion setLabels(AccessScope scope, String versionId, List<String> labels) {
    if (labels == null) {
      throw new InvalidInputException("labels is required: an array of label names (empty removes all)");
    }
    if (labels.size() > MAX_LABELS) {
      throw new InvalidInputException("labels holds " + labels.size() + " names; at most " + MAX_LABELS);
    }
    Set<String> unique = new LinkedHashSet<>();
    for (int i = 0; i < labels.size(); i++) {
      unique.add(requireLabel(labels.get(i), "labels[" + i + "]"));
    }
    version(scope, versionId);
    return store.setLabels(scope, versionId, new ArrayList<>(unique));
  }

  /** Removes a label from the version. @throws NotFoundException when the version does not carry it */
  public void deleteLabel(AccessScope scope, String versionId, String label) {
    PromptVersion version = version(scope, versionId);
    if (!store.deleteLabel(scope, version.id(), label)) {
      throw new NotFoundException("prompt version " + versionId + " has no label '" + label + "'");
    }
  }

  static String requireLabel(String label, String field) {
    if (label == null || !LABEL.matcher(label).matches()) {
      throw new InvalidInputException(field + " '" + label + "' is not a valid label: 1 to 64 letters, digits, '_',"
          + " '.' or '-', starting with a letter or digit");
    }
    return label;
  }

  /**
   * Fills the version's variables from {@code variables} (values that are not text are written as JSON). Pure:
   * never throws for a missing variable, it lists it in {@link RenderedPrompt#missing()}.
   */
  public static RenderedPrompt render(PromptVersion version, Map<String, ?> variables) {
    Map<String, ?> values = variables == null ? Map.of() : variables;
    TemplateFormat format = version.format() == TemplateFormat.MUSTACHE ? TemplateFormat.MUSTACHE
        : TemplateFormat.F_STRING;
    Set<String> used = new LinkedHashSet<>();
    Set<String> missing = new LinkedHashSet<>();
    List<PromptMessage> rendered = new ArrayList<>(version.messages().size());
    for (PromptMessage m : version.messages()) {
      rendered.add(new PromptMessage(m.role(), PromptTemplates.render(format, m.content(), values, used, missing),
          m.toolCallId(), m.toolCalls()));
    }
    return new RenderedPrompt(rendered, used, missing);
  }

  /** The variables the version's messages use, in first-use order. */
  public static List<String> variables(PromptVersion version) {
    TemplateFormat format = version.format() == TemplateFormat.MUSTACHE ? TemplateFormat.MUSTACHE
        : TemplateFormat.F_STRING;
    Set<String> used = new LinkedHashSet<>();
    for (PromptMessage m : version.messages()) {
      PromptTemplates.render(format, m.content(), null, used, new LinkedHashSet<>());
    }
    return List.copyOf(used);
  }

  /**
   * Renders and calls the version on {@code model}. The model name is {@code ref.modelName()} when set, else the
   * version's; invocation parameters are the version's overlaid with {@code ref.invocationParameters()}; the
   * version's response format and tools go with the request.
   *
   * @throws EvaluationException when a variable is missing (nothing is sent), no model name is known, or the
   *     provider fails (the {@link ProviderException} is the cause)
   */
  public static PromptCall call(ChatModel model, ModelRef ref, PromptVersion version, Map<String, ?> variables)
      throws EvaluationException {
    RenderedPrompt rendered = render(version, variables);
    if (!rendered.complete()) {
      throw new EvaluationException("missing variables: " + String.join(", ", rendered.missing())
          + " (the prompt uses " + String.join(", ", rendered.variables()) + ")");
    }
    String modelName = ref != null && ref.modelName() != null && !ref.modelName().isBlank() ? ref.modelName()
        : version.model();
    if (modelName == null || modelName.isBlank()) {
      throw new EvaluationException("no model name: the prompt version sets none and none was given");
    }
    ChatRequest request = PromptRequests.request(modelName, rendered, version, ref);
    long start = System.nanoTime();
    ChatResponse response;
    try {
      response = model.chat(request);
    } catch (ProviderException e) {
      throw new EvaluationException("the model call failed: " + e.getMessage(), null, e);
    }
    return new PromptCall(rendered, modelName, response, System.nanoTime() - start);
  }
}
