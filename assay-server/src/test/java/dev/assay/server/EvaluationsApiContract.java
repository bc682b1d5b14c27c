package dev.assay.server;

import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v2/evaluations}: list and query, upsert, and all-or-nothing import of JSON Lines and CSV. */
abstract class EvaluationsApiContract extends LiveServerContract {
  private final String project = "results-" + UUID.randomUUID();

  @BeforeEach
  void createProject() {
    v2.createProject(project, null);
  }

  private JsonNode list(String query) {
    return expect(200, server.client.get("/v2/evaluations?project_id=" + q(project) + query));
  }

  private HttpTestClient.Reply importBody(String format, String contentType, String body) {
    return server.client.post("/v2/evaluations/import?project_id=" + q(project) + (format == null ? "" : "&format=" + format),
        contentType, HttpRequest.BodyPublishers.ofString(body));
  }

  @Test
  void upsert_storesResults_replacesByKey_andListFiltersAndPagesNewestFirst() throws Exception {
    JsonNode stored = expect(200, server.client.post("/v2/evaluations", """
        {"project_id": "%s", "evaluations": [
          {"target_kind": "SPAN", "target_id": "s1", "name": "correct", "label": "yes", "score": 1, "passed": true,
           "metadata": {"reviewer": "ann"}},
          {"target_kind": "TRACE", "target_id": "t1", "name": "helpful", "identifier": "a", "explanation": "fine",
           "annotator_kind": "CODE"}]}""".formatted(project)));
    JsonNode first = stored.at("/evaluations/0");
    assertEquals("correct", first.get("name").asText());
    assertEquals("HUMAN", first.get("annotator_kind").asText());
    assertEquals("API", first.get("source").asText());
    assertEquals("ann", first.at("/metadata/reviewer").asText());
    assertTrue(first.get("passed").asBoolean());
    assertEquals(v2.getProject(project).get("id").asText(), first.get("project_id").asText());
    assertEquals("CODE", stored.at("/evaluations/1/annotator_kind").asText());
    Thread.sleep(2); // updated_at has microsecond resolution; keep the order unambiguous

    JsonNode replaced = expect(200, server.client.post("/v2/evaluations", """
        {"project_id": "%s", "evaluations": [{"target_kind": "SPAN", "target_id": "s1", "name": "correct", "label": "no",
         "score": 0}]}""".formatted(project)));
    assertEquals(first.get("id"), replaced.at("/evaluations/0/id"));
    assertEquals("no", replaced.at("/evaluations/0/label").asText());

    assertEquals(List.of("s1", "t1"), targets(list("").get("evaluations")), "newest update first");
    assertEquals(List.of("t1"), targets(list("&target_kind=TRACE").get("evaluations")));
    assertEquals(List.of("s1"), targets(list("&target_id=s1").get("evaluations")));
    assertEquals(List.of("t1"), targets(list("&name=helpful").get("evaluations")));
    JsonNode page = list("&limit=1");
    assertEquals(List.of("s1"), targets(page.get("evaluations")));
    assertEquals(List.of("t1"), targets(list("&limit=1&cursor=" + q(page.at("/pagination/next_cursor").asText())).get("evaluations")));

    problem(server.client.get("/v2/evaluations"), 400);
    problem(server.client.get("/v2/evaluations?project_id=nope"), 404);
    problem(server.client.get("/v2/evaluations?project_id=" + q(project) + "&target_kind=ROW"), 400);
  }

  @Test
  void upsert_withABadItem_is400NamingIt_andStoresNothing() {
    JsonNode p = problem(server.client.post("/v2/evaluations", """
        {"project_id": "%s", "evaluations": [
          {"target_kind": "SPAN", "target_id": "s1", "name": "ok", "label": "yes"},
          {"target_kind": "SPAN", "target_id": "s2", "name": "ok", "score": "high"}]}""".formatted(project)), 400);
    assertTrue(p.get("detail").asText().contains("evaluations[1]") && p.get("detail").asText().contains("score"), p.toString());
    problem(server.client.post("/v2/evaluations", "{\"project_id\": \"" + project + "\", \"evaluations\": []}"), 400);
    assertEquals(0, list("").get("evaluations").size());
  }

  @Test
  void import_jsonlAndCsv_storesEveryRecord_withAnnotatorLlmByDefault() {
    String jsonl = """
        {"target_kind": "SPAN", "target_id": "s1", "name": "faithful", "label": "yes", "score": 1}

        {"target_kind": "SPAN", "target_id": "s2", "name": "faithful", "label": "no", "score": 0, "annotator_kind": "HUMAN"}
        """;
    assertEquals(2, expect(200, importBody("jsonl", "application/x-ndjson", jsonl)).get("imported").asInt());
    String csv = """
        target_kind,target_id,name,identifier,label,score,explanation,passed,metadata
        TRACE,t1,quality,,good,0.9,"clear, short",true,"{""judge"": ""offline""}"
        TRACE,t2,quality,,bad,,,false,
        """;
    assertEquals(2, expect(200, importBody(null, "text/csv", csv)).get("imported").asInt());

    JsonNode all = list("&limit=10").get("evaluations");
    assertEquals(4, all.size());
    JsonNode t1 = list("&target_id=t1").at("/evaluations/0");
    assertEquals("LLM", t1.get("annotator_kind").asText());
    assertEquals("API", t1.get("source").asText());
    assertEquals(0.9, t1.get("score").asDouble());
    assertEquals("clear, short", t1.get("explanation").asText());
    assertEquals("offline", t1.at("/metadata/judge").asText());
    assertEquals("HUMAN", list("&target_id=s2").at("/evaluations/0/annotator_kind").asText());
  }

  @Test
  void import_withABadLine_is400NamingTheLineAndField_andStoresNothing() {
    String jsonl = """
        {"target_kind": "SPAN", "target_id": "s1", "name": "ok", "label": "yes"}
        {"target_kind": "SPAN", "target_id": "s2", "name": "ok", "label": "yes"}
        {"target_kind": "NOPE", "target_id": "s3", "name": "ok", "label": "yes"}
        """;
    JsonNode p = problem(importBody("jsonl", "application/x-ndjson", jsonl), 400);
    assertTrue(p.get("detail").asText().contains("line 3") && p.get("detail").asText().contains("target_kind"), p.toString());
    String notJson = "{\"target_kind\": \"SPAN\", \"target_id\": \"s1\", \"name\": \"ok\", \"label\": \"yes\"}\n{oops\n";
    assertTrue(problem(importBody("jsonl", "application/x-ndjson", notJson), 400).get("detail").asText().contains("line 2"));
    String csv = "target_kind,target_id,name,score\nSPAN,s1,ok,1\nSPAN,s2,ok,abc\n";
    JsonNode c = problem(importBody("csv", "text/csv", csv), 400);
    assertTrue(c.get("detail").asText().contains("line 3") && c.get("detail").asText().contains("score"), c.toString());
    String unknown = "target_kind,target_id,name,lable\nSPAN,s1,ok,yes\n";
    assertTrue(problem(importBody("csv", "text/csv", unknown), 400).get("detail").asText().contains("lable"));
    problem(importBody("xml", "application/xml", "<x/>"), 400);
    assertEquals(0, list("").get("evaluations").size(), "nothing was stored");
  }

  private static List<String> targets(JsonNode evaluations) {
    return StreamSupport.stream(evaluations.spliterator(), false).map(e -> e.get("target_id").asText()).toList();
  }
}
