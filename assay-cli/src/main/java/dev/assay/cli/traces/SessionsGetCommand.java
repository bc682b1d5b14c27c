package dev.assay.cli.traces;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Show one session: a summary line, then its traces (the conversation's turns) oldest first with "
        + "their input and output. -o json prints the session with its traces.")
public final class SessionsGetCommand implements Callable<Integer> {
  static final List<String> TURN_COLUMNS =
      List.of("trace_id", "start_time", "name", "latency_ms", "status_code", "input", "output");

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "SESSION_ID", description = "The session id.")
  String sessionId;

  @Mixin ProjectOption project;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      JsonNode session = api.get("/v2/sessions/" + ApiClient.segment(sessionId),
          Map.of("project_id", project.projectId(api, client)));
      Output out = output.output();
      List<JsonNode> turns = new ArrayList<>();
      session.path("traces").forEach(t -> turns.add(Rows.pick(t, TURN_COLUMNS)));
      switch (out.format()) {
        case JSON, JSONL -> out.item(session, Rows.SESSION_COLUMNS);
        case CSV -> out.list(turns, TURN_COLUMNS);
        case TABLE -> {
          PrintWriter stdout = spec.commandLine().getOut();
          stdout.print("session " + session.path("session_id").asText()
              + (session.hasNonNull("user_id") ? " (user " + session.get("user_id").asText() + ")" : "") + ": "
              + session.path("trace_count").asLong() + " traces, " + session.path("span_count").asLong() + " spans, "
              + session.path("error_count").asLong() + " errors, " + session.path("total_tokens").asLong()
              + " tokens, cost " + session.path("cost_total").asText("0") + "\n\n");
          out.list(turns, TURN_COLUMNS);
        }
      }
    }
    return ExitCodes.OK;
  }
}
