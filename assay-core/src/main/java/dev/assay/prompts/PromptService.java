package dev.assay.prompts;

import dev.assay.auth.AccessScope;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.ModelRef;
import dev.assay.llm.ChatModel;
import dev.assay.spaces.SpaceService;
import java.time.Clock;
import java.util.Map;

/**
 * Prompts with immutable versions and movable labels. {@code promptRef} is an id or a name in {@code spaceRef}
 * (default space when null). The methods below are the contract other features call; the prompts feature adds
 * create, update, delete, versions and labels.
 */
public final class PromptService {
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
   * The version of a prompt chosen by id, else by label, else the latest.
   *
   * @throws dev.assay.shared.NotFoundException when the prompt, version or label does not exist
   */
  public PromptVersion resolve(AccessScope scope, String spaceRef, String promptRef, String versionId, String label) {
    throw new UnsupportedOperationException("contract: wt/prompts");
  }

  /** A version by its id alone (experiments store version ids). */
  public PromptVersion version(AccessScope scope, String versionId) {
    throw new UnsupportedOperationException("contract: wt/prompts");
  }

  /**
   * Fills the version's variables from {@code variables} (values that are not text are written as JSON). Pure:
   * never throws for a missing variable, it lists it in {@link RenderedPrompt#missing()}.
   */
  public static RenderedPrompt render(PromptVersion version, Map<String, ?> variables) {
    throw new UnsupportedOperationException("contract: wt/prompts");
  }

  /**
   * Renders and calls the version on {@code model}. The model name is {@code ref.modelName()} when set, else the
   * version's; invocation parameters are the version's overlaid with {@code ref.invocationParameters()}; the
   * version's response format and tools go with the request.
   *
   * @throws EvaluationException when a variable is missing (nothing is sent) or the provider fails
   */
  public static PromptCall call(ChatModel model, ModelRef ref, PromptVersion version, Map<String, ?> variables)
      throws EvaluationException {
    throw new UnsupportedOperationException("contract: wt/prompts");
  }
}
