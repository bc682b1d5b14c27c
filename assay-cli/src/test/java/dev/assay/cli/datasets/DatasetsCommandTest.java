package dev.assay.cli.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LiveServer;
import dev.assay.cli.SampleSpans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay datasets …} against a live server. */
class DatasetsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PROJECT = "cli-datasets";
  @TempDir static Path serverDir;
  private static LiveServer server;

  @TempDir Path tmp;
  private Cli cli;
  private String name;

  @BeforeAll
  static void startServer() throws Exception {
    server = new LiveServer(serverDir);
    SampleSpans.send(server.url(), PROJECT);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void setUp(TestInfo test) {
    cli = new Cli(tmp).env("ASSAY_URL", server.url());
    name = test.getTestMethod().orElseThrow().getName().toLowerCase();
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    return result;
  }

  private static JsonNode json(Cli.Result result) throws Exception {
    return JSON.readTree(result.out());
  }

  private void fails(int exitCode, String contains, String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(exitCode, result.exitCode(), result.toString());
    assertTrue(result.err().contains(contains), result.toString());
    assertEquals("", result.out(), result.toString());
  }

  @Test
  void create_append_update_delete_versions_andExamplesByVersion() throws Exception {
    ok("datasets", "create", name, "--description", "qa", "--json",
        "[{\"question\": \"2+2?\", \"expected\": \"4\", \"splits\": \"test\"}, {\"question\": \"3+3?\", \"expected\": \"6\"}]");
    JsonNode d = json(ok("datasets", "get", name, "-o", "json"));
    assertEquals(2, d.get("example_count").asInt());
    assertTrue(ok("datasets", "list", "--name", name).out().contains(name));

    ok("datasets", "append", name, "--json", "[{\"question\": \"4+4?\", \"expected\": \"8\"}]");
    JsonNode examples = json(ok("datasets", "examples", name, "-o", "json"));
    assertEquals(3, examples.size());
    String last = examples.get(2).get("id").asText();
    ok("datasets", "update-examples", name, "--new-version", "fixed", "--json",
        "[{\"id\": \"" + last + "\", \"expected\": \"eight\"}]");
    assertEquals("eight", json(ok("datasets", "examples", name, "-o", "json")).get(2).get("expected").asText());

    fails(ExitCodes.USAGE, "--force", "datasets", "delete-examples", name, last);
    Cli.Result deleted = ok("datasets", "delete-examples", name, last, "nope", "--force", "-o", "json");
    assertEquals(1, json(deleted).get("deleted_example_ids").size());

    JsonNode versions = json(ok("datasets", "versions", name, "-o", "json"));
    assertEquals(List.of("v4", "fixed", "v2", "v1"), versions.findValuesAsText("name"));
    assertEquals(2, json(ok("datasets", "examples", name, "--version", "v1", "-o", "json")).size());
    assertEquals(3, json(ok("datasets", "examples", name, "--version", "fixed", "-o", "json")).size());
    assertEquals(1, json(ok("datasets", "examples", name, "--split", "test", "-o", "json")).size());
    String table = ok("datasets", "examples", name).out();
    assertTrue(table.lines().findFirst().orElseThrow().matches("id\\s+input\\s+output\\s+metadata\\s+splits\\s+source_span_id"), table);

    ok("datasets", "rename", name, name + "-renamed");
    fails(ExitCodes.NOT_FOUND, "not found", "datasets", "get", name);
    fails(ExitCodes.USAGE, "--force", "datasets", "delete", name + "-renamed");
    ok("datasets", "delete", name + "-renamed", "--force");
    fails(ExitCodes.NOT_FOUND, "not found", "datasets", "get", name + "-renamed");
  }

  @Test
  void upload_csvWithKeys_thenExportAndReuploadJsonl() throws Exception {
    Path csv = cli.workingDir().resolve("qa.csv");
    Files.writeString(csv, "question,answer,topic,split\nWhat is 2+2?,4,math,train\n\"Spain, capital?\",Madrid,geo,test\n");
    JsonNode up = json(ok("datasets", "upload", "qa.csv", "--name", name, "--output-keys", "answer", "--metadata-keys",
        "topic", "--split-key", "split", "-o", "json"));
    assertEquals(2, up.get("num_created").asInt());

    String csvExport = ok("datasets", "export", name, "--format", "csv").out();
    assertTrue(csvExport.startsWith("id,input.question,output.answer,metadata.topic,splits"), csvExport);
    ok("datasets", "export", name, "--out", "out.jsonl");
    List<String> lines = Files.readAllLines(cli.workingDir().resolve("out.jsonl"));
    assertEquals(2, lines.size());
    assertEquals("Madrid", JSON.readTree(lines.get(1)).at("/output/answer").asText());

    JsonNode again = json(ok("datasets", "upload", "out.jsonl", "--name", name + "-copy", "--input-keys", "input",
        "--output-keys", "output", "--metadata-keys", "metadata", "--split-key", "splits", "-o", "json"));
    assertEquals(2, again.get("num_created").asInt());
    JsonNode copied = json(ok("datasets", "examples", name + "-copy", "-o", "json")).get(1).get("_assay");
    JsonNode original = json(ok("datasets", "examples", name, "-o", "json")).get(1).get("_assay");
    for (String part : List.of("input", "output", "metadata", "splits")) {
      assertEquals(original.get(part), copied.get(part), part);
    }

    Files.writeString(cli.workingDir().resolve("bad.jsonl"), "{\"q\": 1}\n{broken\n");
    fails(ExitCodes.FAILURE, "line 2", "datasets", "upload", "bad.jsonl", "--name", name + "-bad");
    fails(ExitCodes.NOT_FOUND, "not found", "datasets", "get", name + "-bad");
    fails(ExitCodes.USAGE, "exactly one", "datasets", "upload", "qa.csv");
    fails(ExitCodes.USAGE, "cannot read", "datasets", "upload", "missing.csv", "--name", "x");
  }

  @Test
  void fromSpans_linksExamplesToSpans() throws Exception {
    JsonNode made = json(ok("datasets", "from-spans", "-p", PROJECT, "--filter", "output_value = 'Paris'", "--name", name,
        "-o", "json"));
    assertEquals(1, made.get("num_created").asInt());
    JsonNode example = json(ok("datasets", "examples", name, "-o", "json")).get(0).get("_assay");
    assertEquals("a000000000000001", example.get("source_span_id").asText());
    assertEquals("Paris", example.at("/output/output").asText());
    assertEquals("What is the capital of France?", example.at("/input/input").asText());
    fails(ExitCodes.FAILURE, "at column 7", "datasets", "from-spans", "-p", PROJECT, "--filter", "name =", "--name", name + "-x");
    fails(ExitCodes.NOT_FOUND, "not found", "datasets", "from-spans", "-p", "no-such-project", "--name", name + "-y");
    fails(ExitCodes.USAGE, "exactly one", "datasets", "from-spans", "-p", PROJECT);
  }
}
