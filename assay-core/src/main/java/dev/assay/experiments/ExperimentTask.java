package dev.assay.experiments;

import dev.assay.eval.ModelRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The task under test an experiment runs on each example: a prompt version on a model, the user's HTTP
 * endpoint, or a command. Its output is what the evaluators judge against the example's expected output.
 */
public sealed interface ExperimentTask {

  /** Renders the prompt version with the example's input fields as variables and calls the model. */
  record PromptTask(String promptVersionId, ModelRef model) implements ExperimentTask {
    public PromptTask {
      Objects.requireNonNull(promptVersionId, "promptVersionId");
      Objects.requireNonNull(model, "model");
    }
  }

  /**
   * POSTs {@code {"input": …, "metadata": …, "example_id": …}} to {@code url} (outbound-URL rules apply) and reads
   * the output from the JSON response at {@code outputPath} (a JSONPath; null = the whole body).
   */
  record HttpTask(String url, Map<String, String> headers, String outputPath, Duration timeout)
      implements ExperimentTask {
    public HttpTask {
      Objects.requireNonNull(url, "url");
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }
  }

  /**
   * Runs {@code argv} (no shell, scrubbed environment, timeout) with the same JSON as {@link HttpTask} on stdin;
   * stdout is the output (read as JSON at {@code outputPath} when set, else as text).
   */
  record CommandTask(List<String> argv, String outputPath, Duration timeout) implements ExperimentTask {
    public CommandTask {
      argv = List.copyOf(argv);
      if (argv.isEmpty()) {
        throw new IllegalArgumentException("argv is empty");
      }
      timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }
  }
}
