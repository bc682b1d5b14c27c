package dev.assay.server;

import static dev.assay.server.AuthTestServer.bearer;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.auth.AccountRole;
import dev.assay.auth.ApiKey;
import dev.assay.auth.SpaceRole;
import dev.assay.auth.User;
import dev.assay.server.v2.ApiIds;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One space of the authorization matrix with a real fixture of every kind in it, created over the API by the
 * account admin: a project with spans (two in one trace, one session), an evaluator, a model config, a task with a
 * finished run, a dataset, a prompt with a labelled version, a recorded experiment, a webhook, and a user who is
 * MEMBER of this space only, with an API key (its role binding is the space's membership). Every name and text in it
 * starts with the space's tag ({@code alpha}, {@code bravo}), so a response carrying its data is easy to spot.
 */
record MatrixSpace(String tag, String spaceId, String projectId, String traceId, String spanId, String sessionId,
    String evaluatorId, String evaluatorVersionId, String modelId, String taskId, String runId, String datasetId,
    String datasetVersionId, String exampleId, String promptId, String promptVersionId, String experimentId,
    String webhookId, String userId, String apiKeyId, String bindingId) {

  static final String WINDOW = "\"start_time\": \"2000-01-01T00:00:00Z\", \"end_time\": \"2100-01-01T00:00:00Z\"";
  static final String LABEL = "production";

  static String regexSpec(String name) {
    return EvaluatorFixtures.regexSpec(name, "[0-9]");
  }

  static String promptVersion(String content) {
    return "{\"commit_message\": \"first\", \"provider\": \"OPEN_AI\", \"model\": \"m\", \"input_variable_format\": "
        + "\"MUSTACHE\", \"messages\": [{\"role\": \"USER\", \"content\": \"" + content + " {{text}}\"}]}";
  }

  /** Builds the space {@code tag}-space and its fixtures; {@code traceHex} (one hex digit) keeps trace ids apart. */
  static MatrixSpace create(AuthTestServer s, String tag, char traceHex) {
    Admin admin = new Admin(s);
    String space = admin.call(201, "POST", "/v2/spaces", "{\"name\": \"" + tag + "-space\", \"description\": \"" + tag
        + "-space-description\"}").get("id").asText();
    String trace = String.valueOf(traceHex).repeat(32);
    String span = String.valueOf(traceHex).repeat(15) + "1";
    String otlp = """
        {"resourceSpans": [{"scopeSpans": [{"spans": [
          {"traceId": "%1$s", "spanId": "%2$s", "name": "%3$s-root", "startTimeUnixNano": "1767225600000000000",
           "endTimeUnixNano": "1767225601000000000", "attributes": [
             {"key": "openinference.span.kind", "value": {"stringValue": "LLM"}},
             {"key": "session.id", "value": {"stringValue": "%3$s-session"}},
             {"key": "input.value", "value": {"stringValue": "%3$s-input 1"}},
             {"key": "output.value", "value": {"stringValue": "%3$s-output 42"}}]},
          {"traceId": "%1$s", "spanId": "%4$s", "parentSpanId": "%2$s", "name": "%3$s-child",
           "startTimeUnixNano": "1767225600100000000", "endTimeUnixNano": "1767225600900000000",
           "attributes": [{"key": "session.id", "value": {"stringValue": "%3$s-session"}}]}]}]}]}"""
        .formatted(trace, span, tag, String.valueOf(traceHex).repeat(15) + "2");
    HttpTestClient.Reply ingested = s.client().post("/v1/traces", "application/json",
        HttpRequest.BodyPublishers.ofString(otlp), "x-project-name", tag + "-project", "x-assay-space", space,
        "Authorization", "Bearer " + s.adminKey);
    assertEquals(200, ingested.status(), ingested.body());
    String project = admin.call(200, "GET", "/v2/projects?space_id=" + q(space) + "&name=" + tag + "-project", null)
        .at("/projects/0/id").asText();
    JsonNode evaluator = admin.call(201, "POST", "/v2/evaluators", "{\"name\": \"" + tag + "-evaluator\", \"space_id\": \""
        + space + "\", \"description\": \"" + tag + "-evaluator-description\", \"version\": {\"spec\": "
        + regexSpec(tag + "-check") + "}}");
    String model = admin.call(201, "POST", "/v2/ai-integrations", "{\"name\": \"" + tag + "-model\", \"space_id\": \""
        + space + "\", \"provider\": \"CUSTOM\", \"base_url\": \"http://127.0.0.1:9/v1\", \"model_names\": [\"m\"], "
        + "\"api_key\": \"sk-" + tag + "-model-key\"}").get("id").asText();
    String task = admin.call(201, "POST", "/v2/tasks", "{\"name\": \"" + tag + "-task\", \"type\": \"CODE_EVALUATION\", "
        + "\"project_id\": \"" + project + "\", \"evaluators\": [{\"evaluator_id\": \"" + evaluator.get("id").asText()
        + "\", \"column_mappings\": {\"output\": \"attributes.output.value\"}}]}").get("id").asText();
    String run = admin.call(201, "POST", "/v2/tasks/" + q(task) + "/trigger",
        "{\"data_start_time\": \"2025-12-31T00:00:00Z\", \"data_end_time\": \"2026-01-02T00:00:00Z\"}").get("id").asText();
    for (int i = 0; i < 600 && !admin.call(200, "GET", "/v2/task-runs/" + q(run), null).get("status").asText()
        .equals("COMPLETED"); i++) {
      OpenApiDocumentTest.sleep(50);
    }
    JsonNode createdDataset = admin.call(201, "POST", "/v2/datasets", "{\"name\": \"" + tag + "-dataset\", \"space_id\": \""
        + space + "\", \"examples\": [{\"question\": \"" + tag + "-question\", \"answer\": \"4\"}]}");
    String dataset = createdDataset.get("id").asText();
    String example = admin.call(200, "GET", "/v2/datasets/" + q(dataset) + "/examples", null).at("/examples/0/id").asText();
    JsonNode prompt = admin.call(201, "POST", "/v2/prompts", "{\"name\": \"" + tag + "-prompt\", \"space_id\": \"" + space
        + "\", \"version\": " + promptVersion(tag + "-prompt-text") + "}");
    String promptVersion = prompt.at("/version/id").asText();
    admin.call(200, "PUT", "/v2/prompt-versions/" + q(promptVersion) + "/labels", "{\"labels\": [\"" + LABEL + "\"]}");
    String experiment = admin.call(201, "POST", "/v2/experiments", "{\"name\": \"" + tag + "-experiment\", \"dataset_id\": \""
        + dataset + "\", \"experiment_runs\": [{\"example_id\": \"" + example + "\", \"output\": \"" + tag
        + "-run-output\"}]}").get("id").asText();
    String webhook = admin.call(201, "POST", "/v2/webhooks", "{\"name\": \"" + tag + "-webhook\", \"space_id\": \""
        + space + "\", \"url\": \"http://127.0.0.1:9/" + tag + "\", \"auth_type\": \"BEARER\", \"auth_token\": \""
        + tag + "-webhook-token\"}").get("id").asText();
    // A user who belongs to this space only, with an API key: the identity routes' fixtures.
    String storeSpace = ApiIds.decode("Space", space);
    User user = s.createUser(tag + "-user@assay.test", AccountRole.MEMBER, Map.of(storeSpace, SpaceRole.MEMBER));
    ApiKey key = s.services().apiKeys().createUserKey(s.principal(user), tag + "-key", null, null).key();
    return new MatrixSpace(tag, space, project, trace, span, tag + "-session", evaluator.get("id").asText(),
        evaluator.at("/version/id").asText(), model, task, run, dataset, createdDataset.at("/versions/0/id").asText(), example, prompt.get("id").asText(),
        promptVersion, experiment, webhook, ApiIds.encode("User", user.id()), ApiIds.encode("ApiKey", key.id()),
        ApiIds.encode("RoleBinding", storeSpace + ":" + user.id()));
  }

  /**
   * Every id of this space's fixtures in each form it may take: as the API shows it, and decoded (the store id, as
   * an error message about that very id may show it), plus the tag itself (in every name and text of the space).
   */
  List<List<String>> markers() {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of(tag));
    for (String id : List.of(spaceId, projectId, traceId, spanId, evaluatorId, evaluatorVersionId, modelId, taskId, runId,
        datasetId, datasetVersionId, exampleId, promptId, promptVersionId, experimentId, webhookId, userId, apiKeyId,
        bindingId)) {
      List<String> forms = new ArrayList<>(List.of(id, V2TestClient.q(id)));
      try {
        String text = new String(Base64.getDecoder().decode(id), StandardCharsets.UTF_8);
        if (text.contains(":")) {
          forms.add(text.substring(text.indexOf(':') + 1));
        }
      } catch (IllegalArgumentException notBase64) {
        // a raw id (trace and span ids)
      }
      out.add(forms);
    }
    return out;
  }

  /**
   * What the space holds, as the account admin reads it: every list and every fixture in full. Two snapshots are equal
   * when nothing in the space changed.
   */
  Map<String, String> snapshot(AuthTestServer s) {
    Admin admin = new Admin(s);
    Map<String, String> out = new LinkedHashMap<>();
    String sp = "?space_id=" + q(spaceId);
    for (String list : List.of("/v2/projects", "/v2/evaluators", "/v2/ai-integrations", "/v2/tasks", "/v2/datasets",
        "/v2/prompts", "/v2/experiments", "/v2/webhooks")) {
      out.put(list, admin.call(200, "GET", list + sp, null).toString());
    }
    for (String one : List.of("/v2/spaces/" + q(spaceId), "/v2/projects/" + q(projectId), "/v2/evaluators/" + q(evaluatorId),
        "/v2/evaluators/" + q(evaluatorId) + "/versions", "/v2/ai-integrations/" + q(modelId), "/v2/tasks/" + q(taskId),
        "/v2/tasks/" + q(taskId) + "/runs", "/v2/task-runs/" + q(runId), "/v2/datasets/" + q(datasetId),
        "/v2/datasets/" + q(datasetId) + "/examples", "/v2/prompts/" + q(promptId), "/v2/prompts/" + q(promptId) + "/versions",
        "/v2/prompt-versions/" + q(promptVersionId), "/v2/experiments/" + q(experimentId),
        "/v2/experiments/" + q(experimentId) + "/runs", "/v2/evaluations?project_id=" + q(projectId),
        "/v2/traces/" + traceId + "?project_id=" + q(projectId), "/v2/webhooks/" + q(webhookId),
        "/v2/webhooks/" + q(webhookId) + "/deliveries", "/v2/spaces/" + q(spaceId) + "/users",
        "/v2/users/" + q(userId), "/v2/api-keys?user_id=" + q(userId), "/v2/role-bindings/" + q(bindingId))) {
      out.put(one, admin.call(200, "GET", one, null).toString());
    }
    out.put("spans", admin.call(200, "POST", "/v2/spans", "{\"project_id\": \"" + projectId + "\", " + WINDOW + "}").toString());
    out.put("sessions", admin.call(200, "POST", "/v2/sessions", "{\"project_id\": \"" + projectId + "\", " + WINDOW + "}")
        .toString());
    return out;
  }

  /** Calls as the account admin and expects a status. */
  private record Admin(AuthTestServer s) {
    JsonNode call(int status, String method, String path, String json) {
      HttpTestClient.Reply reply = s.client().send(method, path, json, bearer(s.adminKey));
      assertEquals(status, reply.status(), method + " " + path + ": " + reply.body());
      return reply.body().isEmpty() ? null : reply.json();
    }
  }
}
