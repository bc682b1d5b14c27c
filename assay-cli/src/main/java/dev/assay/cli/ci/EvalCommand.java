package dev.assay.cli.ci;

import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.ci.EvalRun.Outcome;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code assay eval -c assay.yaml}: the config-driven CI gate. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Run the experiments an assay.yaml describes and gate on their scores.",
        "Without --url (or --profile) it needs no server: a temporary embedded store is created, used and deleted. "
            + "With --url the dataset, prompts, evaluators and experiments are created on that server.",
        "Exit codes: 0 the gate passed, 1 it failed (a threshold or regression rule), 2 bad assay.yaml or "
            + "options (the message names file:line:column), 3 a stored dataset, evaluator or baseline not found.",
        "Writes JUnit XML with --junit (one testcase per example × evaluator) and a Markdown summary to "
            + "$GITHUB_STEP_SUMMARY when it is set. Schema: docs/assay-yaml.md.",
        "Example: assay eval -c examples/assay.yaml --junit target/assay-junit.xml"})
public final class EvalCommand implements Callable<Integer> {
  enum Format { table, json }

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "assay.yaml",
      description = "The assay.yaml to run (default: ${DEFAULT-VALUE}).")
  String config;

  @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML here.")
  String junit;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table (default) or json: the gate result (an array when several experiments are gated).")
  Format format;

  @Option(names = "--validate", description = "Only check assay.yaml (exit 0 or 2); run nothing.")
  boolean validateOnly;

  private final CliEnvironment env;
  private final Clock clock;

  EvalCommand(CliEnvironment env) {
    this(env, Clock.systemUTC());
  }

  EvalCommand(CliEnvironment env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    quietLogs();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path file = env.resolve(config);
    Env.source = env.env();
    EvalConfig cfg;
    try {
      cfg = EvalConfigLoader.load(displayPath(file), file);
    } catch (EvalConfigException e) {
      return configError(err, e);
    }
    boolean remote = client.serverRequested();
    if (!remote && cfg.needsServer()) {
      err.println("assay: " + file.getFileName() + " names stored datasets, prompts, evaluators or baselines: run "
          + "it against a server with --url URL");
      err.flush();
      return ExitCodes.USAGE;
    }
    if (validateOnly) {
      out.println(file.getFileName() + " is valid: " + cfg.variants().size() + " experiment(s), "
          + cfg.evaluators().size() + " evaluator(s)");
      out.flush();
      return ExitCodes.OK;
    }
    List<Outcome> outcomes;
    String suffix = remote ? " " + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
        .format(clock.instant()) : "";
    try (EvalBackend backend = remote ? new RemoteBackend(client, env, suffix) : new LocalBackend(clock, env.env())) {
      outcomes = new EvalRun(cfg, backend, err, suffix).run();
    } catch (EvalConfigException e) {
      return configError(err, e);
    } catch (InvalidInputException e) {
      err.println("assay: " + file.getFileName() + ": " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    } catch (NotFoundException e) {
      throw CliException.notFound(e.getMessage());
    }
    List<Outcome> gated = outcomes.stream().filter(o -> !o.baseline()).toList();
    boolean passed = gated.stream().allMatch(o -> o.result().passed());
    if (junit != null) {
      JunitReport.write(env.resolve(junit), gated.stream()
          .map(o -> new JunitReport.Suite(o.name(), o.result(), o.time())).toList());
    }
    String summaryFile = env.get("GITHUB_STEP_SUMMARY");
    if (summaryFile != null) {
      var md = new StringBuilder();
      for (Outcome o : gated) {
        md.append(MarkdownSummary.render(o.name(), o.result())).append('\n');
      }
      MarkdownSummary.append(env.resolve(summaryFile), md.toString());
    }
    if (format == Format.json) {
      out.println(GateJson.write(gated.size() == 1 ? gated.getFirst().result()
          : gated.stream().map(Outcome::result).toList()));
    } else {
      EvalTable.print(out, outcomes, passed);
    }
    out.flush();
    return passed ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /**
   * A CI log should show the gate, not the temporary store's migrations or the tokenizer's platform probing;
   * warnings of Assay's own code still show. Set before the first of those loggers exists.
   */
  private static void quietLogs() {
    for (String logger : new String[] {"dev.assay.store", "ai.djl"}) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, logger.startsWith("ai.") ? "error" : "warn");
      }
    }
  }

  /** Messages name the file as the person wrote it when it is under the working directory. */
  private Path displayPath(Path file) {
    Path wd = env.workingDir().toAbsolutePath().normalize();
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(wd) ? wd.relativize(abs) : abs;
  }

  private static int configError(PrintWriter err, EvalConfigException e) {
    for (String problem : e.problems()) {
      err.println("assay: " + problem);
    }
    err.flush();
    return ExitCodes.USAGE;
  }
}
