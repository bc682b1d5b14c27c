package dev.assay.cli.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LiveServer;
import dev.assay.testing.FakeModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay prompts …} against a live server, with the fake model server behind {@code run}. */
class PromptsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path serverDir;
  private static LiveServer server;
  private static FakeModelServer fake;

  @TempDir Path tmp;
  private Cli cli;
  private String prefix;

  @BeforeAll
  static void startServer() throws Exception {
    server = new LiveServer(serverDir);
    fake = FakeModelServer.create().start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
    fake.close();
  }

  @BeforeEach
  void setUp(TestInfo test) {
    cli = new Cli(tmp).env("ASSAY_URL", server.url());
    prefix = test.getTestMethod().orElseThrow().getName().toLowerCase() + "-";
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    return result;
  }

  private static JsonNode json(Cli.Result result) throws Exception {
    return JSON.readTree(result.out());
  }

  private static void assertFails(Cli.Result result, int exitCode, String contains) {
    assertEquals(exitCode, result.exitCode(), result.toString());
    assertTrue(result.err().startsWith("assay: ") && result.err().contains(contains), result.toString());
    assertEquals("", result.out(), result.toString());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void create_version_label_get_render_update_delete() throws Exception {
    String name = prefix + "support";
    JsonNode created = json(ok("prompts", "create", name, "--description", "helps", "--message",
        "system=You help customers.", "--message", "user=Answer: {question}", "--model", "gpt-4o-mini", "--param",
        "temperature=0.2", "--param", "stop=[\"END\"]", "-c", "first", "-o", "json"));
    assertEquals(name, created.path("name").asText());
    assertEquals("F_STRING", created.at("/version/input_variable_format").asText());
    assertEquals("OPEN_AI", created.at("/version/provider").asText());
    assertEquals(0.2, created.at("/version/invocation_params/temperature").asDouble());
    assertEquals("END", created.at("/version/invocation_params/stop/0").asText());
    assertEquals("SYSTEM", created.at("/version/messages/0/role").asText());

    Path file = tmp.resolve("v2.yaml");
    Files.writeString(file, """
        input_variable_format: MUSTACHE
        model: gpt-4o
        messages:
          - role: SYSTEM
            content: Be brief.
          - role: USER
            content: "Answer {{ question }} for {{customer.name}}"
        """);
    JsonNode v2 = json(ok("prompts", "create-version", name, "--file", file.toString(), "-c", "brief", "-o", "json"));
    assertEquals(2, v2.path("version_number").asInt());
    assertEquals("MUSTACHE", v2.path("input_variable_format").asText());

    JsonNode labelled = json(ok("prompts", "set-labels", name, "production", "staging", "--version", "1", "-o", "json"));
    assertEquals(List.of("production", "staging"), texts(labelled.path("labels")));
    assertEquals(1, labelled.path("version_number").asInt());
    ok("prompts", "set-labels", name, "production");
    assertEquals(2, json(ok("prompts", "get", name, "--label", "production", "-o", "json")).at("/version/version_number")
        .asInt());
    assertEquals(1, json(ok("prompts", "get", name, "--label", "staging", "-o", "json")).at("/version/version_number")
        .asInt());
    JsonNode versions = json(ok("prompts", "versions", name, "-o", "json"));
    assertEquals(List.of(2, 1), List.of(versions.get(0).path("version_number").asInt(),
        versions.get(1).path("version_number").asInt()));
    assertEquals(List.of("production"), texts(versions.get(0).path("labels")));
    Cli.Result table = ok("prompts", "get", name);
    assertTrue(table.out().contains("Be brief.") && table.out().contains("question, customer.name"), table.out());
    String v1Id = versions.get(1).path("id").asText();
    assertEquals(1, json(ok("prompts", "get-version", v1Id, "-o", "json")).path("version_number").asInt());

    Path vars = tmp.resolve("vars.json");
    Files.writeString(vars, "{\"customer\": {\"name\": \"Ada\"}}");
    JsonNode rendered = json(ok("prompts", "render", name, "--vars", vars.toString(), "--var", "question=Where?",
        "-o", "json"));
    assertEquals("Answer Where? for Ada", rendered.at("/messages/1/content").asText());
    assertEquals(List.of(), texts(rendered.path("missing")));
    Cli.Result partial = ok("prompts", "render", name, "--label", "staging");
    assertTrue(partial.out().contains("Answer: {question}"), partial.out());
    assertTrue(partial.err().contains("missing variables: question"), partial.err());

    ok("prompts", "remove-label", name, "staging");
    assertFails(cli.run("prompts", "get", name, "--label", "staging"), ExitCodes.NOT_FOUND, "staging");
    assertEquals("new", json(ok("prompts", "update", name, "--description", "new", "-o", "json")).path("description")
        .asText());
    assertEquals(1, json(ok("prompts", "list", "--name", name, "-o", "json")).size());
    ok("prompts", "delete", name, "--force");
    assertFails(cli.run("prompts", "get", name), ExitCodes.NOT_FOUND, name);
  }

  @Test
  void badInput_exits2_andStoresNothing() throws Exception {
    String name = prefix + "bad";
    assertFails(cli.run("prompts", "create", name, "--message", "robot=hi"), ExitCodes.USAGE, "role");
    assertFails(cli.run("prompts", "create", name), ExitCodes.USAGE, "--message");
    assertFails(cli.run("prompts", "create", name, "--message", "user=hi", "--param", "temprature=1"), ExitCodes.USAGE,
        "temprature");
    assertFails(cli.run("prompts", "create", name, "--message", "user=hi", "--format", "jinja"), ExitCodes.USAGE,
        "--format");
    assertEquals(0, json(ok("prompts", "list", "--name", name, "-o", "json")).size());
    ok("prompts", "create", name, "--message", "user=hi {x}");
    assertFails(cli.run("prompts", "set-labels", name, "bad label"), ExitCodes.USAGE, "label");
    assertFails(cli.run("prompts", "get", name, "--label", "a", "--version", "1"), ExitCodes.USAGE, "one of");
    assertFails(cli.run("prompts", "get", name, "--version", "9"), ExitCodes.NOT_FOUND, "no version 9");
    assertFails(cli.run("prompts", "get", prefix + "nope"), ExitCodes.NOT_FOUND, "nope");
  }

  @Test
  void run_callsTheModel_andAMissingVariableSendsNothing() throws Exception {
    String name = prefix + "spam";
    String config = prefix + "model";
    ok("models", "create", config, "--provider", "CUSTOM", "--base-url", fake.openAiBaseUrl(), "--model", "fake-model");
    ok("prompts", "create", name, "--format", "mustache", "--model", "fake-model", "--message",
        "user=Is {{text}} spam? Answer with one of: spam, ham");
    long before = fake.calls();
    assertFails(cli.run("prompts", "run", name, "--model-config", config), ExitCodes.USAGE, "missing variables: text");
    assertEquals(before, fake.calls());

    Cli.Result run = ok("prompts", "run", name, "--model-config", config, "--var", "text=WIN MONEY", "--param",
        "max_tokens=5");
    assertEquals("spam", run.out().strip());
    assertTrue(run.err().contains("fake-model") && run.err().contains("tokens"), run.err());
    assertEquals(5, fake.lastRequest().path("max_tokens").asInt());
    JsonNode asJson = json(ok("prompts", "run", name, "--model-config", config, "--var", "text=hi", "-o", "json"));
    assertEquals("spam", asJson.path("output").asText());
    assertTrue(asJson.path("latency_ms").asLong() >= 0);
    assertFails(cli.run("prompts", "run", name, "--model-config", prefix + "nope", "--var", "text=x"),
        ExitCodes.NOT_FOUND, "nope");
  }
}
