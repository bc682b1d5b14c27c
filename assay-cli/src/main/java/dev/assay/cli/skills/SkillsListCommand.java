package dev.assay.cli.skills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the bundled skills and when each applies.")
public final class SkillsListCommand implements Callable<Integer> {
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    List<JsonNode> rows = SkillCatalog.bundled().skills().stream()
        .map(s -> (JsonNode) JsonNodeFactory.instance.objectNode().put("name", s.name()).put("description", s.description()))
        .toList();
    output.output().list(rows, List.of("name", "description"));
    return ExitCodes.OK;
  }
}
