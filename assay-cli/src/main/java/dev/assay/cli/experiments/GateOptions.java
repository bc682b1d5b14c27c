package dev.assay.cli.experiments;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.client.ApiClient;
import dev.assay.experiments.GateResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The CI gate flags of {@code experiments run}: rules, baseline and where the results go. */
final class GateOptions {
  private static final ObjectMapper SNAKE = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Option(names = "--baseline", paramLabel = "EXPERIMENT|LABEL",
      description = "Compare with this experiment (name or id) or label (the newest experiment on the dataset with it).")
  String baseline;

  @Option(names = "--fail-under", paramLabel = "NAME=SCORE",
      description = "Fail when the evaluator's mean score is below SCORE (repeatable), e.g. correctness=0.9.")
  Map<String, Double> failUnder = new LinkedHashMap<>();

  @Option(names = "--max-regression", paramLabel = "NAME=DROP",
      description = "Fail when the mean score drops more than DROP below the baseline's (repeatable; needs --baseline).")
  Map<String, Double> maxRegression = new LinkedHashMap<>();

  @Option(names = "--min-pass-rate", paramLabel = "NAME=RATE",
      description = "Fail when fewer than RATE (0 to 1) of the evaluator's verdicts pass (repeatable).")
  Map<String, Double> minPassRate = new LinkedHashMap<>();

  @Option(names = "--junit", paramLabel = "FILE",
      description = "Write JUnit XML: one testcase per example × evaluator (a failed verdict is a failure).")
  Path junit;

  /** Whether the run ends with a gate (any rule, a baseline, or a JUnit report asked for). */
  boolean active() {
    return baseline != null || junit != null || !failUnder.isEmpty() || !maxRegression.isEmpty()
        || !minPassRate.isEmpty();
  }

  /** Exit 2 before anything starts when a rule cannot be checked. */
  void check() {
    if (!maxRegression.isEmpty() && baseline == null) {
      throw CliException.usage("--max-regression needs --baseline (an experiment or a label to compare with)");
    }
    checkValues("--fail-under", failUnder, false);
    checkValues("--max-regression", maxRegression, false);
    checkValues("--min-pass-rate", minPassRate, true);
  }

  private static void checkValues(String flag, Map<String, Double> rules, boolean fraction) {
    rules.forEach((name, value) -> {
      if (name.isBlank() || value == null || !Double.isFinite(value) || (fraction && (value < 0 || value > 1))) {
        throw CliException.usage(flag + " " + name + "=" + value + " is invalid: give NAME=NUMBER"
            + (fraction ? " with NUMBER from 0 to 1" : ""));
      }
    });
  }

  ObjectNode body() {
    ObjectNode body = ApiClient.object();
    if (baseline != null) {
      body.put("baseline", baseline);
    }
    failUnder.forEach(body.putObject("fail_under")::put);
    maxRegression.forEach(body.putObject("max_regression")::put);
    minPassRate.forEach(body.putObject("min_pass_rate")::put);
    return body;
  }

  /** The server's gate result (snake_case) as the core record the JUnit and Markdown writers take. */
  static GateResult read(JsonNode json) {
    try {
      return SNAKE.treeToValue(json, GateResult.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw CliException.failure("the server's gate result is not readable: " + e.getOriginalMessage());
    }
  }
}
