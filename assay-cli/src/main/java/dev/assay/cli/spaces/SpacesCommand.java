package dev.assay.cli.spaces;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code assay spaces}: the spaces that hold projects, over {@code /v2/spaces}. */
@Command(
    name = "spaces",
    mixinStandardHelpOptions = true,
    description = "List and show spaces. Every server has a space named 'default'.",
    subcommands = {SpacesListCommand.class, SpacesGetCommand.class})
public final class SpacesCommand {
  static final List<String> COLUMNS = List.of("name", "id", "description", "is_private", "created_at");
}
