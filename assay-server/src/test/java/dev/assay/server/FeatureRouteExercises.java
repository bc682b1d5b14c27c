package dev.assay.server;

import static dev.assay.server.V2TestClient.q;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.server.OpenApiDocumentTest.Checker;
import dev.assay.testing.FakeModelServer;
import java.util.List;
import java.util.Map;

/**
 * The datasets, prompts and experiments operations as {@link OpenApiDocumentTest} exercises them: each documented
 * operation called once or more, including a refused request, so every documented status is seen live.
 */
final class FeatureRouteExercises {
  private FeatureRouteExercises() {}

  /** The experiment operations: a recorded experiment and a server-run one with a command task and a code check. */
  static void experiments(HttpTestClient c, Checker check) {
    JsonNode dataset = c.post("/v2/datasets", "{\"name\": \"docs-exp\", \"space_id\": \"default\", \"examples\": ["
        + "{\"question\": \"q1\", \"expected_output\": \"1\"}]}").json();
    String datasetId = dataset.get("id").asText();
    String exampleId = c.get("/v2/datasets/" + q(datasetId) + "/examples").json().at("/examples/0/id").asText();
    String evaluatorId = c.post("/v2/evaluators", "{\"name\": \"docs-exp-digit\", \"version\": {\"spec\": "
        + EvaluatorFixtures.regexSpec("docs-exp-digit", "[0-9]") + "}}").json().get("id").asText();
    String runs = "[{\"example_id\": \"" + exampleId + "\", \"output\": \"1\", \"model\": \"m\"}]";
    JsonNode recorded = check.run("POST", "/v2/experiments", () -> c.post("/v2/experiments",
        "{\"name\": \"docs-rec\", \"dataset_id\": \"" + datasetId + "\", \"experiment_runs\": " + runs + "}"));
    check.run("POST", "/v2/experiments", () -> c.post("/v2/experiments", "{\"name\": \"x\"}"));
    String rec = "/v2/experiments/" + q(recorded.get("id").asText());
    check.run("GET", "/v2/experiments", () -> c.get("/v2/experiments?dataset_id=" + q(datasetId)));
    check.run("GET", "/v2/experiments", () -> c.get("/v2/experiments?dataset_id=a&space_id=b"));
    check.run("GET", "/v2/experiments/{experiment_id}", () -> c.get(rec));
    check.run("GET", "/v2/experiments/{experiment_id}", () -> c.get("/v2/experiments/nope"));
    check.run("POST", "/v2/experiments/{experiment_id}/runs", () -> c.post(rec + "/runs", "{\"experiment_runs\": " + runs + "}"));
    check.run("POST", "/v2/experiments/{experiment_id}/runs", () -> c.post(rec + "/runs", "{\"experiment_runs\": []}"));
    check.run("GET", "/v2/experiments/{experiment_id}/runs", () -> c.get(rec + "/runs?limit=1"));
    check.run("GET", "/v2/experiments/{experiment_id}/runs", () -> c.get(rec + "/runs?limit=501"));
    JsonNode started = check.run("POST", "/v2/experiments/run", () -> c.post("/v2/experiments/run",
        "{\"name\": \"docs-run\", \"dataset_id\": \"" + datasetId + "\", \"task\": {\"type\": \"COMMAND\", "
            + "\"argv\": [\"printf\", \"7\"], \"timeout_ms\": 10000}, \"evaluators\": [{\"evaluator_id\": \""
            + evaluatorId + "\"}], \"labels\": [\"main\"]}"));
    check.run("POST", "/v2/experiments/run", () -> c.post("/v2/experiments/run", "{\"name\": \"x\", \"colour\": 1}"));
    String run = "/v2/experiments/" + q(started.get("id").asText());
    for (int i = 0; i < 600 && !c.get(run).json().get("status").asText().equals("COMPLETED"); i++) {
      OpenApiDocumentTest.sleep(100);
    }
    check.run("GET", "/v2/experiments/{experiment_id}/summary", () -> c.get(run + "/summary"));
    check.run("GET", "/v2/experiments/{experiment_id}/compare", () -> c.get(run + "/compare?baseline=main"));
    check.run("GET", "/v2/experiments/{experiment_id}/compare", () -> c.get(run + "/compare"));
    check.run("POST", "/v2/experiments/{experiment_id}/gate", () -> c.post(run + "/gate",
        "{\"baseline\": \"main\", \"fail_under\": {\"docs-exp-digit\": 0.5}, \"max_regression\": {\"docs-exp-digit\": 0}}"));
    check.run("POST", "/v2/experiments/{experiment_id}/gate", () -> c.post(run + "/gate", "{\"max_regression\": {\"a\": 1}}"));
    check.run("PUT", "/v2/experiments/{experiment_id}/labels", () -> c.put(run + "/labels", "{\"labels\": [\"main\", \"v1\"]}"));
    check.run("PUT", "/v2/experiments/{experiment_id}/labels", () -> c.put(run + "/labels", "{\"labels\": \"main\"}"));
    check.run("POST", "/v2/experiments/{experiment_id}/cancel", () -> c.post(run + "/cancel", "{}"));
    check.run("POST", "/v2/experiments/{experiment_id}/resume", () -> c.post(run + "/resume", "{}"));
    check.run("POST", "/v2/experiments/{experiment_id}/resume", () -> c.post("/v2/experiments/nope/resume", "{}"));
    for (String format : List.of("json", "jsonl", "csv")) {
      check.run("GET", "/v2/experiments/{experiment_id}/export", () -> c.get(run + "/export?format=" + format));
    }
    check.run("GET", "/v2/experiments/{experiment_id}/export", () -> c.get(run + "/export?format=xml"));
    check.run("DELETE", "/v2/experiments/{experiment_id}", () -> c.delete(rec));
    check.run("DELETE", "/v2/experiments/{experiment_id}", () -> c.delete(rec));
  }

  /** The prompt, prompt-version and label operations, with render and a run against the fake model. */
  static void prompts(HttpTestClient c, Checker check) {
    String version = "{\"commit_message\": \"first\", \"provider\": \"OPEN_AI\", \"model\": \"m\","
        + " \"input_variable_format\": \"MUSTACHE\", \"invocation_params\": {\"temperature\": 0},"
        + " \"messages\": [{\"role\": \"SYSTEM\", \"content\": \"Be brief.\"},"
        + " {\"role\": \"USER\", \"content\": \"Is {{text}} spam? one of: spam, ham\"}]}";
    JsonNode created = check.run("POST", "/v2/prompts", () -> c.post("/v2/prompts",
        "{\"name\": \"docs-prompt\", \"description\": \"d\", \"version\": " + version + "}"));
    String prompt = "/v2/prompts/" + q(created.get("id").asText());
    check.run("POST", "/v2/prompts", () -> c.post("/v2/prompts", "{\"name\": \"docs-prompt\", \"version\": " + version + "}"));
    check.run("POST", "/v2/prompts", () -> c.post("/v2/prompts", "{\"name\": \"x\", \"version\": {\"commit_message\": \"m\","
        + " \"provider\": \"OPEN_AI\", \"messages\": [{\"role\": \"ROBOT\", \"content\": \"x\"}]}}"));
    check.run("GET", "/v2/prompts", () -> c.get("/v2/prompts?limit=1"));
    check.run("GET", "/v2/prompts", () -> c.get("/v2/prompts?limit=0"));
    JsonNode v2 = check.run("POST", "/v2/prompts/{prompt_id}/versions", () -> c.post(prompt + "/versions", version));
    check.run("POST", "/v2/prompts/{prompt_id}/versions", () -> c.post(prompt + "/versions", "{\"id\": \"x\"}"));
    check.run("GET", "/v2/prompts/{prompt_id}/versions", () -> c.get(prompt + "/versions?limit=1"));
    check.run("GET", "/v2/prompts/{prompt_id}/versions", () -> c.get("/v2/prompts/nope/versions"));
    String v2Path = "/v2/prompt-versions/" + q(v2.get("id").asText());
    check.run("PUT", "/v2/prompt-versions/{version_id}/labels", () -> c.put(v2Path + "/labels", "{\"labels\": [\"production\"]}"));
    check.run("PUT", "/v2/prompt-versions/{version_id}/labels", () -> c.put(v2Path + "/labels", "{\"labels\": [\"no spaces\"]}"));
    check.run("GET", "/v2/prompts/{prompt_id}/labels/{label_name}", () -> c.get(prompt + "/labels/production"));
    check.run("GET", "/v2/prompts/{prompt_id}/labels/{label_name}", () -> c.get(prompt + "/labels/staging"));
    check.run("GET", "/v2/prompts/{prompt_id}", () -> c.get(prompt + "?label=production"));
    check.run("GET", "/v2/prompts/{prompt_id}", () -> c.get("/v2/prompts/nope"));
    check.run("GET", "/v2/prompt-versions/{version_id}", () -> c.get(v2Path));
    check.run("GET", "/v2/prompt-versions/{version_id}", () -> c.get("/v2/prompt-versions/nope"));
    check.run("POST", "/v2/prompt-versions/{version_id}/render", () -> c.post(v2Path + "/render", "{\"variables\": {}}"));
    check.run("POST", "/v2/prompt-versions/{version_id}/render", () -> c.post(v2Path + "/render", "{\"vars\": {}}"));
    try (FakeModelServer fake = FakeModelServer.create().start()) {
      String integration = c.post("/v2/ai-integrations", "{\"name\": \"docs-prompt-model\", \"provider\": \"CUSTOM\","
          + " \"base_url\": \"" + fake.openAiBaseUrl() + "\", \"model_names\": [\"m\"], \"api_key\": \"k\"}").json()
          .get("id").asText();
      check.run("POST", "/v2/prompt-versions/{version_id}/run", () -> c.post(v2Path + "/run",
          "{\"ai_integration_id\": \"" + integration + "\", \"variables\": {\"text\": \"WIN\"}}"));
      check.run("POST", "/v2/prompt-versions/{version_id}/run", () -> c.post(v2Path + "/run",
          "{\"ai_integration_id\": \"" + integration + "\", \"variables\": {}}"));
      fake.fault(p -> true, FakeModelServer.Fault.SERVER_ERROR);
      check.run("POST", "/v2/prompt-versions/{version_id}/run", () -> c.post(v2Path + "/run",
          "{\"ai_integration_id\": \"" + integration + "\", \"variables\": {\"text\": \"WIN\"}}"));
      c.delete("/v2/ai-integrations/" + q(integration));
    }
    check.run("DELETE", "/v2/prompt-versions/{version_id}/labels/{label_name}", () -> c.delete(v2Path + "/labels/production"));
    check.run("DELETE", "/v2/prompt-versions/{version_id}/labels/{label_name}", () -> c.delete(v2Path + "/labels/production"));
    check.run("PATCH", "/v2/prompts/{prompt_id}", () -> c.patch(prompt, "{\"description\": null}"));
    check.run("PATCH", "/v2/prompts/{prompt_id}", () -> c.patch(prompt, "{\"name\": \"renamed\"}"));
    check.run("DELETE", "/v2/prompts/{prompt_id}", () -> c.delete(prompt));
    check.run("DELETE", "/v2/prompts/{prompt_id}", () -> c.delete(prompt));
  }

  /** The dataset operations: create, examples (list, insert, update, delete), upload, from-spans, export. */
  static void datasets(HttpTestClient c, Checker check) {
    JsonNode created = check.run("POST", "/v2/datasets", () -> c.post("/v2/datasets",
        "{\"name\": \"docs-ds\", \"examples\": [{\"question\": \"2+2?\", \"answer\": \"4\", \"expected\": \"4\", \"splits\": \"test\"}]}"));
    String ds = "/v2/datasets/" + q(created.get("id").asText());
    String v1 = created.at("/versions/0/id").asText();
    check.run("POST", "/v2/datasets", () -> c.post("/v2/datasets", "{\"name\": \"docs-ds\", \"examples\": [{\"a\": 1}]}"));
    check.run("POST", "/v2/datasets", () -> c.post("/v2/datasets", "{\"name\": \"x\", \"examples\": [{\"id\": \"e1\", \"a\": 1}]}"));
    check.run("GET", "/v2/datasets", () -> c.get("/v2/datasets?limit=1"));
    check.run("GET", "/v2/datasets", () -> c.get("/v2/datasets?limit=101"));
    check.run("GET", "/v2/datasets/{dataset_id}", () -> c.get(ds));
    check.run("GET", "/v2/datasets/{dataset_id}", () -> c.get("/v2/datasets/nope"));
    check.run("PATCH", "/v2/datasets/{dataset_id}", () -> c.patch(ds, "{\"name\": \"docs-ds2\"}"));
    check.run("PATCH", "/v2/datasets/{dataset_id}", () -> c.patch(ds, "{}"));
    JsonNode inserted = check.run("POST", "/v2/datasets/{dataset_id}/examples", () -> c.post(ds + "/examples",
        "{\"examples\": [{\"question\": \"3+3?\", \"output\": \"6\"}]}"));
    check.run("POST", "/v2/datasets/{dataset_id}/examples", () -> c.post(ds + "/examples", "{\"examples\": [{}]}"));
    check.run("POST", "/v2/datasets/{dataset_id}/examples", () -> c.post(ds + "/examples?dataset_version_id=" + q(v1),
        "{\"examples\": [{\"a\": 1}]}"));
    String exampleId = inserted.at("/example_ids/0").asText();
    check.run("GET", "/v2/datasets/{dataset_id}/examples", () -> c.get(ds + "/examples?limit=1"));
    check.run("GET", "/v2/datasets/{dataset_id}/examples", () -> c.get(ds + "/examples?split=test&dataset_version_id=" + q(v1)));
    check.run("GET", "/v2/datasets/{dataset_id}/examples", () -> c.get(ds + "/examples?limit=501"));
    JsonNode updated = check.run("PATCH", "/v2/datasets/{dataset_id}/examples", () -> c.patch(ds + "/examples",
        "{\"examples\": [{\"id\": \"" + exampleId + "\", \"output\": \"six\"}], \"new_version\": \"fixed\"}"));
    check.run("PATCH", "/v2/datasets/{dataset_id}/examples", () -> c.patch(ds + "/examples", "{\"examples\": [{\"a\": 1}]}"));
    check.run("DELETE", "/v2/datasets/{dataset_id}/examples", () -> c.delete(ds + "/examples",
        "{\"dataset_version_id\": \"" + updated.get("dataset_version_id").asText() + "\", \"example_ids\": [\"" + exampleId + "\", \"nope\"]}"));
    check.run("DELETE", "/v2/datasets/{dataset_id}/examples", () -> c.delete(ds + "/examples", "{\"example_ids\": [\"x\"]}"));
    check.run("POST", "/v2/datasets/{dataset_id}/examples/annotate", () -> c.post(ds + "/examples/annotate", "{\"annotations\": []}"));
    check.run("GET", "/v2/datasets/{dataset_id}/versions", () -> c.get(ds + "/versions"));
    check.run("GET", "/v2/datasets/{dataset_id}/versions", () -> c.get("/v2/datasets/nope/versions"));
    check.run("GET", "/v2/datasets/{dataset_id}/splits", () -> c.get(ds + "/splits"));
    check.run("GET", "/v2/datasets/{dataset_id}/splits", () -> c.get(ds + "/splits?version_id=nope"));
    check.run("GET", "/v2/datasets/{dataset_id}/export", () -> c.get(ds + "/export?format=csv"));
    check.run("GET", "/v2/datasets/{dataset_id}/export", () -> c.get(ds + "/export?format=jsonl&split=test"));
    check.run("GET", "/v2/datasets/{dataset_id}/export", () -> c.get(ds + "/export?format=xml"));
    check.run("POST", "/v2/datasets/upload", () -> DatasetFixtures.upload(c, "qa.csv", "q,a\n1,2\n",
        Map.of("name", "docs-upload", "output_keys", "a")));
    check.run("POST", "/v2/datasets/upload", () -> DatasetFixtures.upload(c, "qa.jsonl", "{\"q\": 1}\nnot json\n",
        Map.of("name", "docs-upload-bad")));
    EvaluatorFixtures.ingest(c, "docs-ds-spans", "answer 42", "no digits");
    check.run("POST", "/v2/datasets/from-spans", () -> c.post("/v2/datasets/from-spans",
        "{\"project_id\": \"docs-ds-spans\", \"name\": \"docs-from-spans\", \"start_time\": \"2000-01-01T00:00:00Z\"}"));
    check.run("POST", "/v2/datasets/from-spans", () -> c.post("/v2/datasets/from-spans", "{\"project_id\": \"docs-ds-spans\"}"));
    check.run("DELETE", "/v2/datasets/{dataset_id}", () -> c.delete(ds));
    check.run("DELETE", "/v2/datasets/{dataset_id}", () -> c.delete(ds));
  }
}
