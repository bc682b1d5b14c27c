package dev.assay.prompts;

import java.util.List;
import java.util.Set;

/**
 * A prompt version's messages with variables filled in.
 *
 * @param messages the rendered messages; a missing variable is left as written
 * @param variables every variable the template uses
 * @param missing the variables no value was given for (empty when complete)
 */
public record RenderedPrompt(List<PromptMessage> messages, Set<String> variables, Set<String> missing) {
  public RenderedPrompt {
    messages = List.copyOf(messages);
    variables = Set.copyOf(variables);
    missing = Set.copyOf(missing);
  }

  public boolean complete() {
    return missing.isEmpty();
  }
}
