package dev.assay.server;

import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.fieldNames;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code /v2/datasets…} against a live server: AX's shapes, a new immutable version per change, Assay's upload,
 * from-spans and export, and bad input as problem JSON that stores nothing.
 */
abstract class DatasetsApiContract extends LiveServerContract {
  private static final String QA = """
      {"name": "qa", "description": "math", "examples": [
        {"question": "2+2?", "answer": "4", "expected": "4", "metadata": {"topic": "math"}, "splits": ["train"]},
        {"question": "3+3?", "expected": "6", "splits": "test"}]}""";

  private JsonNode create(String body) {
    return expect(201, server.client.post("/v2/datasets", body));
  }

  private List<JsonNode> examples(String dataset, String query) {
    List<JsonNode> out = new ArrayList<>();
    expect(200, server.client.get("/v2/datasets/" + q(dataset) + "/examples" + query)).get("examples").forEach(out::add);
    return out;
  }

  private long datasetCount() {
    return expect(200, server.client.get("/v2/datasets?limit=100")).get("datasets").size();
  }

  @Test
  void create_answersAxShape_andExamplesRoundTripFlat_withTheCanonicalBlock() {
    JsonNode d = create(QA);
    assertEquals(Set.of("id", "name", "space_id", "description", "example_count", "created_at", "updated_at", "versions"),
        fieldNames(d));
    assertEquals("qa", d.get("name").asText());
    assertEquals(2, d.get("example_count").asInt());
    assertEquals(1, d.get("versions").size());
    assertEquals("v1", d.at("/versions/0/name").asText());

    List<JsonNode> ex = examples(d.get("id").asText(), "");
    assertEquals(2, ex.size());
    JsonNode first = ex.getFirst();
    assertEquals("2+2?", first.get("question").asText());
    assertEquals("4", first.get("answer").asText(), "answer is not an output name: it stays input");
    assertEquals("4", first.get("expected").asText());
    assertEquals("math", first.at("/metadata/topic").asText());
    assertEquals("train", first.at("/splits/0").asText());
    assertTrue(first.has("created_at") && first.has("updated_at") && first.has("id"));
    assertEquals("4", first.at("/_assay/output/expected").asText());
    assertEquals("2+2?", first.at("/_assay/input/question").asText());
    assertEquals(List.of("test"), List.of(examples(d.get("id").asText(), "?split=test").getFirst().at("/_assay/splits/0").asText()));
    // By name too, as AX clients look datasets up.
    assertEquals(d.get("id"), expect(200, server.client.get("/v2/datasets/qa")).get("id"));
    assertEquals(1, expect(200, server.client.get("/v2/datasets?name=Q")).get("datasets").size());
    assertFalse(expect(200, server.client.get("/v2/datasets")).at("/datasets/0").has("versions"));
  }

  @Test
  void badCreateBodies_areProblems_andStoreNothing() {
    for (String bad : List.of(
        "{\"name\": \"x\", \"examples\": []}",
        "{\"name\": \"x\", \"examples\": [{}]}",
        "{\"name\": \"x\", \"examples\": [{\"id\": \"e1\", \"q\": 1}]}",
        "{\"name\": \"x\", \"examples\": [{\"q\": 1, \"created_at\": \"2026-01-01T00:00:00Z\"}]}",
        "{\"name\": \"x\", \"examples\": [{\"q\": 1}], \"colour\": \"red\"}",
        "{\"name\": \" \", \"examples\": [{\"q\": 1}]}",
        "{\"examples\": [{\"q\": 1}]}",
        "{\"name\": \"x\", \"examples\": [1]}",
        "[1]",
        "{\"name\": \"x\", \"examples\": [{\"q\": 1, \"splits\": [1]}]}")) {
      JsonNode p = problem(server.client.post("/v2/datasets", bad), 400);
      assertFalse(p.get("detail").asText().isBlank(), bad);
    }
    problem(server.client.post("/v2/datasets", "{\"name\": \"x\", \"space_id\": \"nope\", \"examples\": [{\"q\": 1}]}"), 404);
    assertEquals(0, datasetCount());
    create(QA);
    problem(server.client.post("/v2/datasets", QA), 409);
    assertEquals(1, datasetCount());
  }

  @Test
  void insertUpdateDelete_eachWriteAVersion_andOldVersionsStayAsTheyWere() {
    JsonNode d = create(QA);
    String id = d.get("id").asText();
    String v1 = d.at("/versions/0/id").asText();
    String ds = "/v2/datasets/" + q(id);

    JsonNode inserted = expect(201, server.client.post(ds + "/examples", "{\"examples\": [{\"question\": \"4+4?\", \"output\": \"8\"}]}"));
    assertEquals(1, inserted.get("example_ids").size());
    assertEquals(2, inserted.get("dataset_version_number").asInt());
    String newId = inserted.at("/example_ids/0").asText();

    JsonNode updated = expect(200, server.client.patch(ds + "/examples",
        "{\"examples\": [{\"id\": \"" + newId + "\", \"output\": \"eight\", \"note\": \"fixed\"}, {\"id\": \"unknown\", \"q\": 1}],"
            + " \"new_version\": \"fixed\"}"));
    assertEquals(List.of(newId), List.of(updated.at("/example_ids/0").asText()));
    assertEquals(1, updated.get("example_ids").size());
    JsonNode fixed = examples(id, "").getLast();
    assertEquals("eight", fixed.get("output").asText());
    assertEquals("4+4?", fixed.get("question").asText(), "an update overlays: untouched keys stay");
    assertEquals("fixed", fixed.get("note").asText());
    assertEquals(newId, fixed.get("id").asText(), "ids are stable across versions");

    String latest = updated.get("dataset_version_id").asText();
    problem(server.client.delete(ds + "/examples", "{\"dataset_version_id\": \"" + v1 + "\", \"example_ids\": [\"" + newId + "\"]}"), 409);
    JsonNode deleted = expect(200, server.client.delete(ds + "/examples",
        "{\"dataset_version_id\": \"" + latest + "\", \"example_ids\": [\"" + newId + "\", \"gone\"]}"));
    assertTrue(deleted.get("completed").asBoolean());
    assertEquals(newId, deleted.at("/deleted_example_ids/0").asText());
    assertEquals(1, deleted.get("not_deleted_example_ids").size());

    JsonNode now = expect(200, server.client.get(ds));
    assertEquals(4, now.get("versions").size());
    assertEquals(List.of(2, 3, 3, 2), List.of(examples(id, "?dataset_version_id=" + q(v1)).size(),
        examples(id, "?version_id=" + q(now.at("/versions/2/id").asText())).size(),
        examples(id, "?version_id=fixed").size(), examples(id, "").size()));
    assertEquals("8", examples(id, "?version_id=" + q(now.at("/versions/2/id").asText())).getLast().get("output").asText());
    assertEquals(List.of("v4", "fixed", "v2", "v1"), expect(200, server.client.get(ds + "/versions")).findValuesAsText("name"));
  }

  @Test
  void badExampleChanges_areProblems_andWriteNoVersion() {
    JsonNode d = create(QA);
    String ds = "/v2/datasets/" + q(d.get("id").asText());
    problem(server.client.post(ds + "/examples", "{\"examples\": [{\"id\": \"x\", \"q\": 1}]}"), 400);
    problem(server.client.post(ds + "/examples", "{\"examples\": [{\"q\": 1}], \"extra\": true}"), 400);
    problem(server.client.patch(ds + "/examples", "{\"examples\": [{\"q\": 1}]}"), 400);
    problem(server.client.patch(ds + "/examples", "{\"examples\": [{\"id\": \"a\", \"updated_at\": \"x\"}]}"), 400);
    problem(server.client.delete(ds + "/examples", "{\"example_ids\": [\"a\"]}"), 400);
    problem(server.client.delete(ds + "/examples", "{\"dataset_version_id\": \"" + d.at("/versions/0/id").asText()
        + "\", \"example_ids\": [\"a\", \"a\"]}"), 400);
    problem(server.client.post("/v2/datasets/nope/examples", "{\"examples\": [{\"q\": 1}]}"), 404);
    problem(server.client.get(ds + "/examples?cursor=bad!"), 400);
    problem(server.client.post(ds + "/examples/annotate", "{\"annotations\": []}"), 501);
    assertEquals(1, expect(200, server.client.get(ds)).get("versions").size());
  }

  @Test
  void renameAndDelete() {
    JsonNode d = create(QA);
    create(QA.replace("\"qa\"", "\"other\""));
    String ds = "/v2/datasets/" + q(d.get("id").asText());
    problem(server.client.patch(ds, "{}"), 400);
    problem(server.client.patch(ds, "{\"name\": \"other\"}"), 409);
    problem(server.client.patch(ds, "{\"name\": \"x\", \"id\": \"y\"}"), 400);
    assertEquals("renamed", expect(200, server.client.patch(ds, "{\"name\": \"renamed\"}")).get("name").asText());
    expect(204, server.client.delete(ds));
    problem(server.client.get(ds), 404);
    problem(server.client.delete(ds), 404);
    assertEquals(1, datasetCount());
  }

  @Test
  void upload_csvJsonlJson_chooseKeys_andMalformedFilesStoreNothing() {
    JsonNode csv = expect(201, DatasetFixtures.upload(server.client, "qa.csv",
        "question,answer,topic,split\nWhat is 2+2?,4,math,train\n\"Capital of Spain, please\",Madrid,geo,test\n",
        Map.of("name", "uploaded", "output_keys", "answer", "metadata_keys", "topic", "split_key", "split")));
    assertEquals(2, csv.get("num_created").asInt());
    String id = csv.at("/dataset/id").asText();
    JsonNode second = examples(id, "").getLast();
    assertEquals("Capital of Spain, please", second.at("/_assay/input/question").asText());
    assertEquals("Madrid", second.at("/_assay/output/answer").asText());
    assertEquals("geo", second.at("/_assay/metadata/topic").asText());
    assertEquals("test", second.at("/_assay/splits/0").asText());

    JsonNode jsonl = expect(201, DatasetFixtures.upload(server.client, "more.jsonl",
        "{\"key\": \"k1\", \"question\": \"q\", \"answer\": \"a\"}\n\n{\"key\": \"k2\", \"question\": \"q2\", \"answer\": \"b\"}\n",
        Map.of("dataset_id", id, "output_keys", "answer", "example_id_key", "key")));
    assertEquals(2, jsonl.get("num_created").asInt());
    JsonNode again = expect(201, DatasetFixtures.upload(server.client, "again.json",
        "[{\"key\": \"k1\", \"question\": \"q\", \"answer\": \"A\"}]",
        Map.of("dataset_id", id, "output_keys", "answer", "example_id_key", "key")));
    assertEquals(0, again.get("num_created").asInt());
    assertEquals(1, again.get("num_updated").asInt());
    assertEquals(3, again.at("/dataset/versions").size());
    assertEquals(4, again.at("/dataset/example_count").asInt());

    long before = datasetCount();
    problem(DatasetFixtures.upload(server.client, "bad.jsonl", "{\"q\": 1}\n{oops\n", Map.of("name", "bad1")), 400);
    JsonNode p = problem(DatasetFixtures.upload(server.client, "bad.csv", "q,a\n1,2\n", Map.of("name", "bad2", "output_keys", "answer")), 400);
    assertTrue(p.get("detail").asText().contains("answer"), p.toString());
    problem(DatasetFixtures.upload(server.client, "bad.json", "{\"q\": 1}", Map.of("name", "bad3")), 400);
    problem(DatasetFixtures.upload(server.client, "bad.txt", "q\n1\n", Map.of("name", "bad4")), 400);
    problem(DatasetFixtures.upload(server.client, null, "", Map.of("name", "bad5")), 400);
    problem(DatasetFixtures.upload(server.client, "ok.csv", "q\n1\n", Map.of()), 400);
    assertEquals(before, datasetCount());
    assertEquals(3, expect(200, server.client.get("/v2/datasets/" + q(id))).get("versions").size());
  }

  @Test
  void fromSpans_linksExamplesToTheirSpans_andExportStreamsThem() {
    EvaluatorFixtures.ingest(server.client, "ds-spans", "answer 42", "no digits", "7");
    String window = "\"start_time\": \"2025-12-31T00:00:00Z\", \"end_time\": \"2026-01-02T00:00:00Z\"";
    JsonNode made = expect(201, server.client.post("/v2/datasets/from-spans",
        "{\"project_id\": \"ds-spans\", \"name\": \"from-spans\", \"filter\": \"output_value = '7' or output_value = 'no digits'\", "
            + window + "}"));
    assertEquals(2, made.get("num_created").asInt());
    String id = made.at("/dataset/id").asText();
    List<JsonNode> ex = examples(id, "");
    Set<String> outputs = Set.of(ex.get(0).at("/_assay/output/output").asText(), ex.get(1).at("/_assay/output/output").asText());
    assertEquals(Set.of("7", "no digits"), outputs);
    assertTrue(ex.getFirst().at("/_assay/input/input").asText().startsWith("question "));
    assertEquals(32, ex.getFirst().at("/_assay/source_trace_id").asText().length());
    assertEquals(16, ex.getFirst().at("/_assay/source_span_id").asText().length());

    problem(server.client.post("/v2/datasets/from-spans", "{\"project_id\": \"ds-spans\", \"name\": \"x\", \"filter\": \"name =\", "
        + window + "}"), 400);
    problem(server.client.post("/v2/datasets/from-spans", "{\"project_id\": \"ds-spans\", \"name\": \"x\", \"limit\": 10001}"), 400);
    problem(server.client.post("/v2/datasets/from-spans", "{\"project_id\": \"ds-spans\", \"name\": \"x\", \"filter\": \"name = 'none'\", "
        + window + "}"), 400);
    problem(server.client.post("/v2/datasets/from-spans", "{\"project_id\": \"nope\", \"name\": \"x\"}"), 404);
    assertEquals(1, datasetCount());

    HttpTestClient.Reply jsonl = server.client.get("/v2/datasets/" + q(id) + "/export?format=jsonl");
    assertEquals(200, jsonl.status());
    assertEquals(2, jsonl.body().lines().count());
    assertTrue(jsonl.header("content-disposition").contains("from-spans-v1.jsonl"));
    HttpTestClient.Reply csv = server.client.get("/v2/datasets/" + q(id) + "/export?format=csv");
    assertEquals(200, csv.status());
    assertTrue(csv.body().startsWith("id,input.input,output.output,metadata.span_name,metadata.span_kind,splits,source_span_id"),
        csv.body());
    assertEquals(3, csv.body().lines().count());
    problem(server.client.get("/v2/datasets/" + q(id) + "/export?format=xml"), 400);
    problem(server.client.get("/v2/datasets/" + q(id) + "/export?version_id=nope"), 404);
  }
}
