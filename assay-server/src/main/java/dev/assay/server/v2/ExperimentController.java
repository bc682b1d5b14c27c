package dev.assay.server.v2;

import static dev.assay.server.auth.Access.MEMBER;
import static dev.assay.server.auth.Access.VIEWER;

import static dev.assay.server.v2.V2Requests.query;
import static dev.assay.server.v2.V2Requests.scope;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.experiments.Experiment;
import dev.assay.experiments.ExperimentService;
import dev.assay.experiments.ExperimentSpec;
import dev.assay.experiments.ExperimentTask;
import dev.assay.prompts.PromptService;
import dev.assay.server.auth.Audited;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /v2/experiments…} as AX defines it (operations {@code list_experiments}, {@code create_experiment} — a
 * recorded experiment with its runs —, {@code get_experiment}, {@code delete_experiment},
 * {@code list_experiment_runs}, {@code insert_experiment_runs}), plus Assay's server-run experiments ({@code run}),
 * summary, compare, gate, export, resume, cancel and labels. {@link #routes()} is called inside {@code path("/v2")}.
 */
public final class ExperimentController {
  /** AX's {@code LimitQueryParamMax500} on runs. */
  static final int MAX_RUNS_LIMIT = 500;

  private final ExperimentService experiments;
  private final PromptService prompts;
  private final ObjectMapper json;

  public ExperimentController(ExperimentService experiments, ObjectMapper json) {
    this(experiments, null, json);
  }

  /** With {@code prompts}, a run request may name a prompt and a label instead of a version. */
  public ExperimentController(ExperimentService experiments, PromptService prompts, ObjectMapper json) {
    if (experiments == null || json == null) {
      throw new NullPointerException("experiments and json are required");
    }
    this.experiments = experiments;
    this.prompts = prompts;
    this.json = json;
  }

  /** Adds this controller's routes (ApiBuilder, inside {@code path("/v2")}). */
  public void routes() {
    path("/experiments", () -> {
      get(this::list, VIEWER);
      post(this::create, MEMBER);
      post("/run", this::run, MEMBER); // a fixed path: before /{experiment_id}
      path("/{experiment_id}", () -> {
        get(this::show, VIEWER);
        delete(this::remove, MEMBER, Audited.YES);
        get("/runs", this::runs, VIEWER);
        post("/runs", this::appendRuns, MEMBER);
        get("/summary", this::summary, VIEWER);
        get("/compare", this::compare, VIEWER);
        post("/gate", this::gate, VIEWER); // evaluates rules, stores nothing
        post("/resume", this::resume, MEMBER);
        post("/cancel", this::cancel, MEMBER);
        put("/labels", this::labels, MEMBER);
        get("/export", this::export, VIEWER);
      });
    });
  }

  /** {@code GET /v2/experiments?dataset_id=&space_id=&name=&limit=&cursor=}: at most one of dataset and space. */
  void list(Context ctx) {
    String dataset = query(ctx, "dataset_id");
    String space = query(ctx, "space_id");
    if (dataset != null && space != null) {
      throw new InvalidInputException("give at most one of dataset_id and space_id");
    }
    Page<Experiment> found = experiments.list(scope(ctx), ApiIds.decode(SpaceController.TYPE, space),
        ApiIds.decode(ExperimentJson.DATASET_TYPE, dataset), query(ctx, "name"), V2Requests.page(ctx));
    ctx.json(new ExperimentJson.ExperimentList(found.items().stream().map(ExperimentJson::of).toList(),
        Pagination.of(found)));
  }

  /** {@code POST /v2/experiments}: AX's recorded experiment with its runs → 201 {@code ExperimentWithRunIds}. */
  void create(Context ctx) {
    ExperimentRequests.Create c = ExperimentRequests.create(TaskController.body(ctx), json);
    ExperimentService.Recorded recorded = experiments.record(scope(ctx), c.spaceRef(), c.datasetRef(), c.name(),
        c.runs());
    ctx.status(201).json(ExperimentJson.of(recorded.experiment(), recorded.runIds()));
  }

  /** {@code POST /v2/experiments/run} (Assay's): stores the experiment PENDING and queues its run → 202. */
  void run(Context ctx) {
    AccessScope scope = scope(ctx);
    ExperimentRequests.Run r = ExperimentRequests.run(TaskController.body(ctx), json);
    ExperimentTask task = r.task();
    if (r.promptByLabel() != null) {
      if (prompts == null) {
        throw new InvalidInputException("task: name the prompt version (prompt_version_id)");
      }
      ExperimentRequests.PromptByLabel p = r.promptByLabel();
      task = new ExperimentTask.PromptTask(prompts.resolve(scope, r.spaceRef(), p.promptRef(), null, p.label()).id(),
          p.model());
    }
    Experiment started = experiments.start(scope, new ExperimentSpec(r.spaceRef(), r.name(), r.description(),
        r.datasetRef(), r.datasetVersionRef(), r.splits(), task, r.evaluators(), r.repetitions(), r.concurrency(),
        r.metadata(), r.labels()));
    ctx.status(202).json(ExperimentJson.of(started));
  }

  void show(Context ctx) {
    ctx.json(ExperimentJson.of(experiments.get(scope(ctx), space(ctx), experimentId(ctx))));
  }

  void remove(Context ctx) {
    String id = experimentId(ctx);
    if (!experiments.delete(scope(ctx), space(ctx), id)) {
      throw new NotFoundException("experiment " + ctx.pathParam("experiment_id") + " not found");
    }
    ctx.status(204);
  }

  /** {@code GET /v2/experiments/{id}/runs?limit=&cursor=}: AX's runs with Assay's columns and evaluations. */
  void runs(Context ctx) {
    Page<dev.assay.experiments.RunResult> page = experiments.runs(scope(ctx), space(ctx), experimentId(ctx),
        runPage(ctx));
    ctx.json(new ExperimentJson.RunList(page.items().stream().map(ExperimentJson::run).toList(), Pagination.of(page)));
  }

  /** {@code POST /v2/experiments/{id}/runs}: AX's append → 201 {@code ExperimentWithRunIds} of the new runs. */
  void appendRuns(Context ctx) {
    AccessScope scope = scope(ctx);
    var runs = ExperimentRequests.append(TaskController.body(ctx), json);
    String id = experimentId(ctx);
    List<String> runIds = experiments.appendRuns(scope, space(ctx), id, runs);
    ctx.status(201).json(ExperimentJson.of(experiments.get(scope, space(ctx), id), runIds));
  }

  void summary(Context ctx) {
    ctx.json(experiments.summary(scope(ctx), space(ctx), experimentId(ctx)));
  }

  /** {@code GET /v2/experiments/{id}/compare?baseline=<id|name|label>}. */
  void compare(Context ctx) {
    String baseline = query(ctx, "baseline");
    if (baseline == null) {
      throw new InvalidInputException("baseline is required: an experiment id or name, or a label");
    }
    ctx.json(experiments.compare(scope(ctx), space(ctx), experimentId(ctx),
        ApiIds.decode(ExperimentJson.TYPE, baseline)));
  }

  void gate(Context ctx) {
    ExperimentRequests.Gate g = ExperimentRequests.gate(TaskController.body(ctx));
    ctx.json(experiments.gate(scope(ctx), space(ctx), experimentId(ctx), g.baseline(), g.rules()));
  }

  void resume(Context ctx) {
    ctx.json(ExperimentJson.of(experiments.resume(scope(ctx), space(ctx), experimentId(ctx))));
  }

  void cancel(Context ctx) {
    ctx.json(ExperimentJson.of(experiments.cancel(scope(ctx), space(ctx), experimentId(ctx))));
  }

  void labels(Context ctx) {
    List<String> labels = ExperimentRequests.labels(TaskController.body(ctx));
    ctx.json(ExperimentJson.of(experiments.setLabels(scope(ctx), space(ctx), experimentId(ctx), labels)));
  }

  /** {@code GET /v2/experiments/{id}/export?format=json|jsonl|csv}: every run, as a download. */
  void export(Context ctx) throws java.io.IOException {
    ExperimentExport.Format format = ExperimentExport.Format.of(query(ctx, "format"));
    AccessScope scope = scope(ctx);
    Experiment experiment = experiments.get(scope, space(ctx), experimentId(ctx));
    ExperimentExport.write(ctx, format, experiment, cursor -> experiments.runs(scope, null, experiment.id(),
        new PageRequest(cursor, MAX_RUNS_LIMIT)), json);
  }

  private static PageRequest runPage(Context ctx) {
    int limit = ctx.queryParamAsClass("limit", Integer.class)
        .check(l -> l == null || (l >= 1 && l <= MAX_RUNS_LIMIT), "limit must be between 1 and " + MAX_RUNS_LIMIT)
        .getOrDefault(V2Requests.DEFAULT_LIMIT);
    return new PageRequest(ctx.queryParam("cursor"), limit);
  }

  private static String space(Context ctx) {
    return ApiIds.decode(SpaceController.TYPE, query(ctx, "space_id"));
  }

  static String experimentId(Context ctx) {
    return ApiIds.decode(ExperimentJson.TYPE, ctx.pathParam("experiment_id"));
  }
}
