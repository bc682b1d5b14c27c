package dev.assay.cli.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.assay.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Actions snippet of skills/assay-ci-gate is YAML, not a shell example, so SkillExamplesTest does not run
 * it: here it must parse as a workflow, and its {@code assay eval} line must be accepted by this build's CLI.
 */
class CiGateSkillSnippetTest {
  @TempDir Path tmp;

  @Test
  void theWorkflowParsesAndItsEvalCommandIsValid() throws Exception {
    String skill = Files.readString(Path.of("..", "skills", "assay-ci-gate", "SKILL.md"));
    int start = skill.indexOf("```yaml\n");
    assertTrue(start >= 0, "the skill has a ```yaml workflow");
    String yaml = skill.substring(start + 8, skill.indexOf("```", start + 8));
    JsonNode workflow = new YAMLMapper().readTree(yaml);
    List<String> runs = new ArrayList<>();
    workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
      if (step.path("run").isTextual()) {
        runs.add(step.path("run").asText().strip());
      }
    }));
    String eval = runs.stream().filter(r -> r.startsWith("assay eval")).findFirst().orElseThrow();
    List<String> args = new ArrayList<>(Arrays.asList(eval.split("\\s+")).subList(1, eval.split("\\s+").length));
    args.add("--validate");

    Cli cli = new Cli(tmp);
    Files.copy(Path.of("..", "examples", "assay.yaml"), cli.workingDir().resolve("assay.yaml"));
    Files.createDirectories(cli.workingDir().resolve("datasets"));
    Files.copy(Path.of("..", "examples", "datasets", "qa.jsonl"), cli.workingDir().resolve("datasets/qa.jsonl"));
    Cli.Result r = cli.run(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("assay.yaml is valid"), r.out());
  }
}
