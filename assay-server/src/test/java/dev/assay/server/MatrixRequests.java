package dev.assay.server;

import static dev.assay.server.MatrixSpace.LABEL;
import static dev.assay.server.MatrixSpace.WINDOW;
import static dev.assay.server.V2TestClient.q;

import dev.assay.server.v2.ApiIds;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For each route of the app, a request that names the fixtures of one {@link MatrixSpace} (the "other" space of
 * the matrix): its ids in the path, its space or project in the query or body, and a body that would be accepted
 * by a caller allowed there. Routes this table does not know (added later) get their path parameters filled from the
 * space where the name matches and a body naming the space, so they are still checked, if less sharply.
 */
final class MatrixRequests {
  /** One request; {@code contentType} null means JSON when there is a body. */
  record Req(String method, String path, String body, String contentType, String[] headers, boolean known,
      boolean namesOther) {
    Req(String method, String path, String body) {
      this(method, path, body, null, new String[0], true, true);
    }

    Req(String method, String path, String body, String contentType, String[] headers, boolean known) {
      this(method, path, body, contentType, headers, known, true);
    }

    /** A request that names nothing of the other space (an unfiltered list): it may succeed, showing none of it. */
    Req namingNothing() {
      return new Req(method, path, body, contentType, headers, known, false);
    }
  }

  private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");

  private MatrixRequests() {}

  static Req of(String method, String route, MatrixSpace b) {
    String proj = "\"project_id\": \"" + b.projectId() + "\"";
    String space = "\"space_id\": \"" + b.spaceId() + "\"";
    String key = method + " " + route;
    String path = fill(route, b);
    return switch (key) {
      case "GET /v2/spaces" -> new Req(method, path, null).namingNothing();
      case "POST /v2/spaces" -> new Req(method, path, "{\"name\": \"matrix-space\"}");
      case "PATCH /v2/spaces/{space_id}" -> new Req(method, path, "{\"description\": \"changed\"}");
      case "GET /v2/projects", "GET /v2/project-summaries", "GET /v2/evaluators", "GET /v2/ai-integrations",
          "GET /v2/tasks", "GET /v2/datasets", "GET /v2/prompts", "GET /v2/experiments", "GET /v2/webhooks" ->
          new Req(method, path + "?space_id=" + q(b.spaceId()), null);
      case "POST /v2/projects" -> new Req(method, path, "{\"name\": \"matrix-project\", " + space + "}");
      case "PATCH /v2/projects/{project_id}", "PATCH /v2/datasets/{dataset_id}" ->
          new Req(method, path, "{\"name\": \"changed\"}");
      case "POST /v2/spans", "POST /v2/traces", "POST /v2/sessions" -> new Req(method, path, "{" + proj + ", " + WINDOW + "}");
      case "DELETE /v2/spans" -> new Req(method, path, "{" + proj + ", \"span_ids\": [\"" + b.spanId() + "\"]}");
      case "GET /v2/spans/export", "GET /v2/traces/export" ->
          new Req(method, path + "?project_id=" + q(b.projectId()) + "&format=jsonl", null);
      case "GET /v2/spans/{span_id}", "GET /v2/traces/{trace_id}", "DELETE /v2/traces/{trace_id}",
          "GET /v2/sessions/{session_id}", "DELETE /v2/sessions/{session_id}" ->
          new Req(method, path + "?project_id=" + q(b.projectId()), null);
      case "POST /v2/evaluators" -> new Req(method, path, "{\"name\": \"matrix-evaluator\", " + space
          + ", \"version\": {\"spec\": " + MatrixSpace.regexSpec("matrix-check") + "}}");
      case "POST /v2/evaluators/test" -> new Req(method, path, "{" + proj + ", \"spec\": "
          + MatrixSpace.regexSpec("matrix-check") + ", \"start_time\": \"2000-01-01T00:00:00Z\"}");
      case "PATCH /v2/evaluators/{evaluator_id}", "PATCH /v2/prompts/{prompt_id}" ->
          new Req(method, path, "{\"description\": \"changed\"}");
      case "POST /v2/evaluators/{evaluator_id}/versions" ->
          new Req(method, path, "{\"commit_message\": \"x\", \"spec\": " + MatrixSpace.regexSpec("matrix-check") + "}");
      case "POST /v2/ai-integrations" -> new Req(method, path, "{\"name\": \"matrix-model\", " + space
          + ", \"provider\": \"CUSTOM\", \"base_url\": \"http://127.0.0.1:9/v1\", \"model_names\": [\"m\"]}");
      case "PATCH /v2/ai-integrations/{integration_id}" -> new Req(method, path, "{\"requests_per_minute\": 61}");
      case "POST /v2/webhooks" -> new Req(method, path, "{\"name\": \"matrix-webhook\", " + space
          + ", \"url\": \"http://127.0.0.1:9/matrix\"}");
      case "PATCH /v2/webhooks/{webhook_id}" -> new Req(method, path, "{\"timeout_ms\": 2000}");
      case "GET /v2/evaluations" -> new Req(method, path + "?project_id=" + q(b.projectId()), null);
      case "POST /v2/evaluations" -> new Req(method, path, "{" + proj + ", \"evaluations\": [{\"target_kind\": \"SPAN\", "
          + "\"target_id\": \"" + b.spanId() + "\", \"name\": \"matrix\", \"label\": \"yes\"}]}");
      case "POST /v2/evaluations/import" -> new Req(method, path + "?project_id=" + q(b.projectId()),
          "{\"target_kind\": \"SPAN\", \"target_id\": \"" + b.spanId() + "\", \"name\": \"matrix\", \"label\": \"yes\"}\n",
          "application/x-ndjson", new String[0], true);
      case "POST /v2/tasks" -> new Req(method, path, "{\"name\": \"matrix-task\", \"type\": \"CODE_EVALUATION\", " + proj
          + ", \"evaluators\": [{\"evaluator_id\": \"" + b.evaluatorId() + "\"}]}");
      case "POST /v2/tasks/count" -> new Req(method, path, "{" + proj + ", \"scope\": \"TRACE\"}");
      case "PATCH /v2/tasks/{task_id}" -> new Req(method, path, "{\"sampling_rate\": 0.5}");
      case "POST /v2/tasks/{task_id}/trigger" -> new Req(method, path,
          "{\"data_start_time\": \"2025-12-31T00:00:00Z\", \"data_end_time\": \"2026-01-02T00:00:00Z\"}");
      case "POST /v2/datasets" -> new Req(method, path, "{\"name\": \"matrix-dataset\", " + space
          + ", \"examples\": [{\"q\": \"1\"}]}");
      case "POST /v2/datasets/upload" -> upload(method, path, b.spaceId());
      case "POST /v2/datasets/from-spans" -> new Req(method, path, "{" + proj
          + ", \"name\": \"matrix-from-spans\", \"start_time\": \"2000-01-01T00:00:00Z\"}");
      case "GET /v2/datasets/{dataset_id}/export" -> new Req(method, path + "?format=csv", null);
      case "POST /v2/datasets/{dataset_id}/examples/annotate" -> new Req(method, path, "{\"annotations\": []}");
      case "POST /v2/datasets/{dataset_id}/examples" -> new Req(method, path, "{\"examples\": [{\"q\": \"2\"}]}");
      case "PATCH /v2/datasets/{dataset_id}/examples" -> new Req(method, path, "{\"examples\": [{\"id\": \""
          + b.exampleId() + "\", \"q\": \"changed\"}]}");
      case "DELETE /v2/datasets/{dataset_id}/examples" -> new Req(method, path, "{\"dataset_version_id\": \""
          + b.datasetVersionId() + "\", \"example_ids\": [\"" + b.exampleId() + "\"]}");
      case "GET /v2/experiments/{experiment_id}/compare" -> new Req(method, path + "?baseline=" + q(b.experimentId()), null);
      case "POST /v2/prompts" -> new Req(method, path, "{\"name\": \"matrix-prompt\", " + space + ", \"version\": "
          + MatrixSpace.promptVersion("matrix") + "}");
      case "POST /v2/prompts/{prompt_id}/versions" -> new Req(method, path, MatrixSpace.promptVersion("matrix"));
      case "PUT /v2/prompt-versions/{version_id}/labels", "PUT /v2/experiments/{experiment_id}/labels" ->
          new Req(method, path, "{\"labels\": [\"changed\"]}");
      case "POST /v2/prompt-versions/{version_id}/render" -> new Req(method, path, "{\"variables\": {\"text\": \"x\"}}");
      case "POST /v2/prompt-versions/{version_id}/run" -> new Req(method, path, "{\"ai_integration_id\": \""
          + b.modelId() + "\", \"variables\": {\"text\": \"x\"}}");
      case "POST /v2/experiments" -> new Req(method, path, "{\"name\": \"matrix-experiment\", \"dataset_id\": \""
          + b.datasetId() + "\", \"experiment_runs\": [{\"example_id\": \"" + b.exampleId() + "\", \"output\": \"1\"}]}");
      case "POST /v2/experiments/run" -> new Req(method, path, "{\"name\": \"matrix-run\", \"dataset_id\": \""
          + b.datasetId() + "\", \"task\": {\"type\": \"COMMAND\", \"argv\": [\"printf\", \"7\"], \"timeout_ms\": 10000}}");
      case "POST /v2/experiments/{experiment_id}/runs" -> new Req(method, path, "{\"experiment_runs\": [{\"example_id\": \""
          + b.exampleId() + "\", \"output\": \"1\"}]}");
      case "POST /v2/experiments/{experiment_id}/gate" -> new Req(method, path, "{\"fail_under\": {\"x\": 0.5}}");
      case "GET /v2/experiments/{experiment_id}/export" -> new Req(method, path + "?format=json", null);
      case "POST /v1/traces" -> new Req(method, path, "{\"resourceSpans\": []}", "application/json",
          new String[] {"x-assay-space", b.spaceId()}, true);
      case "GET /v2/api-keys" -> new Req(method, path + "?user_id=" + q(b.userId()), null).namingNothing();
      case "POST /v2/api-keys" -> new Req(method, path, "{\"key_type\": \"SERVICE\", \"name\": \"matrix-service\", "
          + "\"organizations\": [{\"org_id\": \"o\", \"spaces\": [{" + space + ", \"role\": {\"name\": \"READ_ONLY\"}}]}]}");
      case "POST /v2/api-keys/{api_key_id}/refresh", "PUT /v2/api-keys/{api_key_id}/revoke",
          "POST /v2/api-keys/{api_key_id}/revoke" -> new Req(method, path, "{}");
      case "GET /v2/role-bindings" -> new Req(method, path + "?space_id=" + q(b.spaceId()), null).namingNothing();
      case "POST /v2/role-bindings" -> new Req(method, path, "{\"role_id\": \"" + ApiIds.encode("Role", "READ_ONLY")
          + "\", \"user_id\": \"" + b.userId() + "\", \"resource_type\": \"SPACE\", \"resource_id\": \"" + b.spaceId()
          + "\"}");
      case "PATCH /v2/role-bindings/{binding_id}" -> new Req(method, path, "{\"role_id\": \""
          + ApiIds.encode("Role", "ADMIN") + "\"}");
      case "POST /v2/spaces/{space_id}/users" -> new Req(method, path, "{\"user_id\": \"" + b.userId()
          + "\", \"role\": {\"type\": \"PREDEFINED\", \"name\": \"ADMIN\"}}");
      case "GET /v2/users", "GET /v2/audit-logs", "GET /v2/roles", "GET /v2/roles/{role_id}" ->
          new Req(method, path, null).namingNothing();
      case "POST /v2/users" -> new Req(method, path, "{\"name\": \"m\", \"email\": \"matrix@assay.test\", "
          + "\"role\": \"ADMIN\", \"invite_mode\": \"NONE\"}");
      case "PATCH /v2/users/{user_id}" -> new Req(method, path, "{\"name\": \"changed\"}");
      case "POST /v2/users/{user_id}/reset-password" -> new Req(method, path, "{}");
      case "POST /auth/login", "POST /auth/cli-token" -> new Req(method, path,
          "{\"email\": \"nobody@assay.test\", \"password\": \"not-the-password\"}");
      case "POST /auth/password" -> new Req(method, path,
          "{\"current_password\": \"not-the-password\", \"new_password\": \"matrix-new-password\"}");
      case "POST /auth/setup" -> new Req(method, path, "{\"setup_token\": \"nope\", \"email\": \"x@assay.test\", "
          + "\"password\": \"matrix-new-password\"}");
      default -> {
        boolean known = KNOWN_WITHOUT_BODY.contains(key);
        String body = method.equals("GET") || method.equals("DELETE") ? null : known ? "{}"
            : "{" + space + ", \"name\": \"matrix-other\"}";
        yield new Req(method, path, body, null, new String[0], known);
      }
    };
  }

  /**
   * AUTHENTICATED routes that act on one identity resource (a user, a key, a binding): naming the other space's is
   * refused like naming its data. The other AUTHENTICATED routes act on the caller itself.
   */
  static final java.util.Set<String> OWNED = java.util.Set.of("GET /v2/users/{user_id}",
      "POST /v2/api-keys/{api_key_id}/refresh", "PUT /v2/api-keys/{api_key_id}/revoke",
      "POST /v2/api-keys/{api_key_id}/revoke", "GET /v2/role-bindings/{binding_id}", "POST /v2/api-keys");

  /** Routes whose request is their path alone (or an empty JSON object). */
  private static final java.util.Set<String> KNOWN_WITHOUT_BODY = java.util.Set.of("GET /healthz", "GET /readyz",
      "GET /v2/openapi.json", "GET /v2/webhooks/{webhook_id}", "DELETE /v2/webhooks/{webhook_id}",
      "POST /v2/webhooks/{webhook_id}/test", "GET /v2/webhooks/{webhook_id}/deliveries", "GET /auth/status", "GET /auth/me", "POST /auth/logout", "GET /v2/spaces/{space_id}",
      "DELETE /v2/spaces/{space_id}", "GET /v2/projects/{project_id}", "DELETE /v2/projects/{project_id}",
      "GET /v2/evaluators/{evaluator_id}", "DELETE /v2/evaluators/{evaluator_id}",
      "GET /v2/evaluators/{evaluator_id}/versions", "GET /v2/evaluator-versions/{version_id}",
      "GET /v2/evaluator-templates", "GET /v2/evaluator-templates/{template_id}",
      "GET /v2/ai-integrations/{integration_id}", "DELETE /v2/ai-integrations/{integration_id}",
      "POST /v2/ai-integrations/{integration_id}/test", "GET /v2/tasks/{task_id}", "DELETE /v2/tasks/{task_id}",
      "POST /v2/tasks/{task_id}/resume", "GET /v2/tasks/{task_id}/runs", "GET /v2/task-runs/{run_id}",
      "POST /v2/task-runs/{run_id}/cancel", "GET /v2/datasets/{dataset_id}", "DELETE /v2/datasets/{dataset_id}",
      "GET /v2/datasets/{dataset_id}/versions", "GET /v2/datasets/{dataset_id}/splits",
      "GET /v2/datasets/{dataset_id}/examples", "GET /v2/prompts/{prompt_id}", "DELETE /v2/prompts/{prompt_id}",
      "GET /v2/prompts/{prompt_id}/versions", "GET /v2/prompts/{prompt_id}/labels/{label_name}",
      "GET /v2/prompt-versions/{version_id}", "DELETE /v2/prompt-versions/{version_id}/labels/{label_name}",
      "GET /v2/experiments/{experiment_id}", "DELETE /v2/experiments/{experiment_id}",
      "GET /v2/experiments/{experiment_id}/runs", "GET /v2/experiments/{experiment_id}/summary", "POST /v2/experiments/{experiment_id}/resume",
      "POST /v2/experiments/{experiment_id}/cancel", "GET /v2/users/{user_id}", "DELETE /v2/users/{user_id}",
      "GET /v2/role-bindings/{binding_id}", "DELETE /v2/role-bindings/{binding_id}", "GET /v2/spaces/{space_id}/users",
      "DELETE /v2/spaces/{space_id}/users/{user_id}");

  /** {@code route} with each path parameter replaced by the fixture of {@code b} it names. */
  static String fill(String route, MatrixSpace b) {
    Matcher m = PARAM.matcher(route);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = switch (m.group(1)) {
        case "space_id" -> b.spaceId();
        case "project_id" -> b.projectId();
        case "span_id" -> b.spanId();
        case "trace_id" -> b.traceId();
        case "session_id" -> b.sessionId();
        case "evaluator_id" -> b.evaluatorId();
        case "version_id" -> route.startsWith("/v2/prompt") ? b.promptVersionId() : b.evaluatorVersionId();
        case "template_id" -> "toxicity";
        case "integration_id" -> b.modelId();
        case "task_id" -> b.taskId();
        case "run_id" -> b.runId();
        case "dataset_id" -> b.datasetId();
        case "prompt_id" -> b.promptId();
        case "label_name" -> LABEL;
        case "experiment_id" -> b.experimentId();
        case "webhook_id" -> b.webhookId();
        case "user_id" -> b.userId();
        case "api_key_id" -> b.apiKeyId();
        case "binding_id" -> b.bindingId();
        case "role_id" -> ApiIds.encode("Role", "READ_ONLY");
        default -> "matrix-unknown-id";
      };
      m.appendReplacement(out, Matcher.quoteReplacement(q(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A multipart/form-data upload of a small CSV into the space {@code spaceId}. */
  private static Req upload(String method, String path, String spaceId) {
    String boundary = "matrix-boundary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nmatrix-upload\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"space_id\"\r\n\r\n" + spaceId + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\nq,a\n1,2\n\r\n--" + boundary + "--\r\n";
    return new Req(method, path, body, "multipart/form-data; boundary=" + boundary, new String[0], true);
  }
}
