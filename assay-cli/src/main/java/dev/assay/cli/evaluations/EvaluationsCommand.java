package dev.assay.cli.evaluations;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code assay evaluations}: the results evaluators (or people, or other tools) wrote on spans, traces and sessions. */
@Command(
    name = "evaluations",
    mixinStandardHelpOptions = true,
    description = {"List evaluation results of a project, or import results computed elsewhere (JSONL or CSV).",
        "A result is keyed by its target (span, trace or session), name and identifier: importing it again replaces it."},
    subcommands = {EvaluationsListCommand.class, EvaluationsImportCommand.class})
public final class EvaluationsCommand {
  /** Table and CSV columns, in order. */
  static final List<String> COLUMNS = List.of("target_kind", "target_id", "name", "label", "score", "passed",
      "annotator_kind", "source", "evaluator_id", "run_id", "error", "updated_at");

  private EvaluationsCommand() {}
}
