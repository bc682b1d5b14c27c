package dev.assay.server.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AuthServices;
import dev.assay.datasets.DatasetService;
import dev.assay.eval.EvaluationService;
import dev.assay.eval.EvaluationStore;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.JudgeTemplates;
import dev.assay.eval.TryEvaluatorService;
import dev.assay.experiments.ExperimentService;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.ModelGateway;
import dev.assay.projects.ProjectService;
import dev.assay.prompts.PromptService;
import dev.assay.spaces.SpaceService;
import dev.assay.tasks.TaskService;
import dev.assay.traces.SpanExportService;
import dev.assay.traces.SpanService;

/** The controllers of the native API under {@code /v2}, handed to the route table as one value. */
public record V2Controllers(OpenApiController openApi, SpaceController spaces, ProjectController projects,
    SpanController spans, SpanByIdController span, TraceController traces, SessionController sessions,
    ExportController exports, EvaluatorController evaluators, EvaluatorTemplateController evaluatorTemplates,
    EvaluationController evaluations, TryEvaluatorController tryEvaluator, AiIntegrationController aiIntegrations,
    TaskController tasks, TaskRunController taskRuns, DatasetController datasets, PromptController prompts,
    ExperimentController experiments, IdentityControllers identity) {
  public V2Controllers {
    if (openApi == null || spaces == null || projects == null || spans == null || span == null || traces == null
        || sessions == null || exports == null || evaluators == null || evaluatorTemplates == null || evaluations == null
        || tryEvaluator == null || aiIntegrations == null || tasks == null || taskRuns == null
        || datasets == null || prompts == null || experiments == null || identity == null) {
      throw new NullPointerException("every /v2 controller is required");
    }
  }

  /** The core services the controllers call, built by the server's assembly. */
  public record Services(SpaceService spaces, ProjectService projects, SpanService spans, EvaluationStore evaluationStore,
      SpanExportService exports, EvaluatorService evaluators, EvaluationService evaluations, JudgeTemplates templates,
      TryEvaluatorService tries, ModelConfigService modelConfigs, ModelGateway gateway,
      TaskService tasks, DatasetService datasets, PromptService prompts, ExperimentService experiments,
      AuthServices auth) {}

  /** The controllers over these services. */
  public static V2Controllers of(Services s, ObjectMapper json) {
    SpanController spanList = new SpanController(s.spans(), s.evaluationStore(), json);
    return new V2Controllers(new OpenApiController(), new SpaceController(s.spaces()), new ProjectController(s.projects()),
        spanList, new SpanByIdController(s.spans(), spanList), new TraceController(s.spans(), spanList),
        new SessionController(s.spans(), spanList), new ExportController(s.exports(), spanList, json),
        new EvaluatorController(s.evaluators(), json), new EvaluatorTemplateController(s.templates()),
        new EvaluationController(s.evaluations()), new TryEvaluatorController(s.tries(), json),
        new AiIntegrationController(s.modelConfigs(), s.gateway()), new TaskController(s.tasks(), s.evaluators()),
        new TaskRunController(s.tasks(), json), new DatasetController(s.datasets(), json),
        new PromptController(s.prompts(), s.modelConfigs(), s.gateway(), json),
        new ExperimentController(s.experiments(), s.prompts(), json),
        new IdentityControllers(s.auth().users(), s.auth().apiKeys(), s.auth().memberships(), s.auth().audit(),
            s.spaces()));
  }
}
