package dev.assay.cli.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.ci.EvalConfig.EvaluatorDef;
import dev.assay.cli.ci.EvalConfig.PromptDef;
import dev.assay.cli.ci.EvalConfig.ProviderDef;
import dev.assay.cli.client.ApiClient;
import dev.assay.datasets.ExampleDraft;
import dev.assay.eval.EvaluatorSpecJson;
import dev.assay.eval.JudgeSpec;
import dev.assay.experiments.ExperimentEvaluator;
import dev.assay.experiments.ExperimentRunner;
import dev.assay.experiments.ExperimentSpec;
import dev.assay.experiments.ExperimentTask;
import dev.assay.experiments.GateResult;
import dev.assay.experiments.GateRules;
import dev.assay.prompts.PromptMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs through a server's API ({@code --url}): creates the dataset, prompts, model configs and evaluators of
 * assay.yaml there (names carry the run's suffix, so CI runs never collide), starts each experiment with
 * {@code POST /v2/experiments/run}, follows it to the end and asks the server for the gate.
 */
final class RemoteBackend implements EvalBackend {
  private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED");

  private final ApiClient api;
  private final ClientOptions client;
  private final CliEnvironment env;
  private final Map<String, String> aiIntegrations = new HashMap<>();
  private final Map<PromptDef, String> promptVersions = new HashMap<>();
  private final String suffix;

  RemoteBackend(ClientOptions client, CliEnvironment env, String suffix) {
    this.client = client;
    this.env = env;
    this.suffix = suffix;
    this.api = client.client();
  }

  private Map<String, String> space() {
    return client.spaceQuery(null);
  }

  private void putSpace(ObjectNode body) {
    String space = client.space(null);
    if (space != null) {
      body.put("space_id", space);
    }
  }

  @Override
  public String createDataset(String name, String description, List<ExampleDraft> examples) {
    ObjectNode body = ApiClient.object();
    putSpace(body);
    body.put("name", name);
    if (description != null) {
      body.put("description", description);
    }
    ArrayNode list = body.putArray("examples");
    for (ExampleDraft d : examples) {
      // Canonical form: a lone object-valued input/output and a metadata object map back one to one.
      ObjectNode e = list.addObject();
      e.set("input", GateJson.MAPPER.valueToTree(d.input()));
      e.set("output", GateJson.MAPPER.valueToTree(d.output()));
      if (!d.metadata().isEmpty()) {
        e.set("metadata", GateJson.MAPPER.valueToTree(d.metadata()));
      }
      if (!d.splits().isEmpty()) {
        e.set("splits", GateJson.MAPPER.valueToTree(d.splits()));
      }
    }
    return api.post("/v2/datasets", body).path("id").asText();
  }

  @Override
  public String storedDataset(String ref) {
    return api.get("/v2/datasets/" + ApiClient.segment(ref), space()).path("id").asText();
  }

  @Override
  public List<ExperimentEvaluator> evaluators(EvalConfig config) {
    List<ExperimentEvaluator> out = new ArrayList<>();
    for (EvaluatorDef def : config.evaluators()) {
      switch (def) {
        case EvaluatorDef.Stored s -> out.add(new ExperimentEvaluator(s.name(), s.version(), null));
        case EvaluatorDef.Inline inline -> {
          ObjectNode spec = (ObjectNode) EvaluatorSpecJson.tree(inline.spec());
          if (inline.spec() instanceof JudgeSpec && inline.provider() != null) {
            ProviderDef provider = config.provider(inline.provider());
            ObjectNode model = spec.putObject("model");
            model.put("model_config_id", aiIntegration(provider));
            model.put("model_name", provider.model());
            model.set("invocation_parameters", GateJson.MAPPER.valueToTree(provider.params()));
          }
          ObjectNode body = ApiClient.object();
          putSpace(body);
          body.put("name", config.name() + suffix + " · " + inline.name());
          body.put("description", "created by assay eval from " + config.file().getFileName());
          body.putObject("version").put("commit_message", "assay eval").set("spec", spec);
          String id = api.post("/v2/evaluators", body).path("id").asText();
          out.add(new ExperimentEvaluator(id, null, null));
        }
      }
    }
    return out;
  }


  /** An AI integration (model config) per provider; its key goes to the server sealed, never printed. */
  private String aiIntegration(ProviderDef provider) {
    return aiIntegrations.computeIfAbsent(provider.label(), label -> {
      ObjectNode body = ApiClient.object();
      putSpace(body);
      body.put("name", "assay-eval " + label + suffix);
      body.put("provider", "CUSTOM");
      body.put("base_url", provider.baseUrl());
      body.putArray("model_names").add(provider.model());
      if (provider.apiKeyEnv() != null) {
        String key = env.get(provider.apiKeyEnv());
        if (key == null) {
          throw new EvalConfigException(List.of("provider '" + label + "' reads its API key from $"
              + provider.apiKeyEnv() + ", which is not set"));
        }
        body.put("api_key", key);
      }
      body.put("function_calling_enabled", false);
      return api.post("/v2/ai-integrations", body).path("id").asText();
    });
  }

  @Override
  public ExperimentTask task(EvalConfig config, EvalConfig.Variant variant) {
    if (variant.task() != null) {
      return variant.task();
    }
    String versionId = promptVersions.computeIfAbsent(variant.prompt(), p -> switch (p) {
      case PromptDef.Stored s -> {
        Map<String, String> query = new HashMap<>(space());
        if (s.promptLabel() != null) {
          query.put("label", s.promptLabel());
        }
        if (s.versionId() != null) {
          query.put("version_id", s.versionId());
        }
        JsonNode found = api.get("/v2/prompts/" + ApiClient.segment(s.prompt()), query);
        yield found.path("version").path("id").asText(found.path("id").asText());
      }
      case PromptDef.Inline inline -> {
        ObjectNode body = ApiClient.object();
        putSpace(body);
        body.put("name", config.name() + suffix + " · " + inline.label());
        ObjectNode version = body.putObject("version");
        version.put("commit_message", "assay eval");
        version.put("template_type", inline.type().name());
        version.put("input_variable_format", inline.format().name());
        version.put("provider", "OPEN_AI");
        ArrayNode messages = version.putArray("messages");
        for (PromptMessage m : inline.messages()) {
          messages.addObject().put("role", m.role()).put("content", m.content());
        }
        JsonNode created = api.post("/v2/prompts", body);
        yield created.path("version").path("id").asText();
      }
    });
    ProviderDef provider = variant.provider();
    return new ExperimentTask.PromptTask(versionId, new dev.assay.eval.ModelRef(aiIntegration(provider),
        provider.model(), provider.params()));
  }

  @Override
  public String run(ExperimentSpec spec, ExperimentRunner.Listener listener) {
    ObjectNode body = ApiClient.object();
    putSpace(body);
    body.put("name", spec.name());
    if (spec.description() != null) {
      body.put("description", spec.description());
    }
    body.put("dataset_id", spec.datasetRef());
    if (spec.datasetVersionRef() != null) {
      body.put("dataset_version_id", spec.datasetVersionRef());
    }
    body.set("splits", GateJson.MAPPER.valueToTree(spec.splits()));
    body.set("task", task(spec.task()));
    ArrayNode evaluators = body.putArray("evaluators");
    for (ExperimentEvaluator e : spec.evaluatorRefs()) {
      ObjectNode ref = evaluators.addObject().put("evaluator_id", e.evaluatorId());
      if (e.evaluatorVersion() != null) {
        ref.put("evaluator_version", e.evaluatorVersion());
      }
    }
    body.put("repetitions", spec.repetitions());
    body.put("concurrency", spec.concurrency());
    body.set("metadata", GateJson.MAPPER.valueToTree(spec.metadata()));
    JsonNode experiment = api.post("/v2/experiments/run", body);
    String id = experiment.path("id").asText();
    String status = experiment.path("status").asText();
    long delay = 200;
    while (!ENDED.contains(status)) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException(ExitCodes.FAILURE, "interrupted while waiting for experiment " + id);
      }
      delay = Math.min(delay * 2, 2_000);
      status = api.get("/v2/experiments/" + ApiClient.segment(id), space()).path("status").asText();
      JsonNode summary = api.get("/v2/experiments/" + ApiClient.segment(id) + "/summary", space());
      long expected = summary.path("expected_runs").asLong();
      long done = summary.path("successful_runs").asLong() + summary.path("failed_runs").asLong();
      listener.progress(done, expected, 0, 0);
    }
    if (!status.equals("COMPLETED")) {
      JsonNode ended = api.get("/v2/experiments/" + ApiClient.segment(id), space());
      throw new CliException(status.equals("FAILED") ? ExitCodes.RUN_FAILED : ExitCodes.RUN_CANCELLED,
          "experiment " + spec.name() + " ended " + status + (ended.path("failure_reason").isTextual()
              ? ": " + ended.path("failure_reason").asText() : ""));
    }
    return id;
  }

  private static ObjectNode task(ExperimentTask task) {
    ObjectNode t = ApiClient.object();
    switch (task) {
      case ExperimentTask.CommandTask c -> {
        t.put("type", "COMMAND");
        t.set("argv", GateJson.MAPPER.valueToTree(c.argv()));
        t.put("output_path", c.outputPath());
        t.put("timeout_ms", c.timeout().toMillis());
      }
      case ExperimentTask.HttpTask h -> {
        t.put("type", "HTTP");
        t.put("url", h.url());
        t.set("headers", GateJson.MAPPER.valueToTree(h.headers()));
        t.put("output_path", h.outputPath());
        t.put("timeout_ms", h.timeout().toMillis());
      }
      case ExperimentTask.PromptTask p -> {
        t.put("type", "PROMPT");
        t.put("prompt_version_id", p.promptVersionId());
        t.put("ai_integration_id", p.model().modelConfigId());
        t.put("model", p.model().modelName());
        t.set("invocation_params", GateJson.MAPPER.valueToTree(p.model().invocationParameters()));
      }
    }
    return t;
  }

  @Override
  public GateResult gate(String experimentId, String baselineRef, GateRules rules) {
    ObjectNode body = ApiClient.object();
    if (baselineRef != null) {
      body.put("baseline", baselineRef);
    }
    body.set("fail_under", GateJson.MAPPER.valueToTree(rules.failUnder()));
    body.set("max_regression", GateJson.MAPPER.valueToTree(rules.maxRegression()));
    body.set("min_pass_rate", GateJson.MAPPER.valueToTree(rules.minPassRate()));
    return GateJson.read(api.post("/v2/experiments/" + ApiClient.segment(experimentId) + "/gate", space(), body));
  }

  @Override
  public void close() {
    api.close();
  }
}
