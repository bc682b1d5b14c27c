package dev.assay.cli.traces;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.client.ApiClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that choose what a trace, span or session list or export reads: the project
 * ({@link ProjectOption}), the time window and the filter.
 */
public final class QueryOptions extends ProjectOption {
  @Option(names = {"-f", "--filter"}, paramLabel = "FILTER",
      description = "Filter language, e.g. \"span_kind = 'LLM' and latency_ms > 1000\" (see the assay-trace skill).")
  String filter;

  @Option(names = "--start-time", paramLabel = "TIME",
      description = "Start of the window: ISO-8601 (2026-01-01T12:00:00Z), a date, or a time ago (30m, 1h, 7d, 2w). "
          + "Default: one week before the end.")
  String startTime;

  @Option(names = "--end-time", paramLabel = "TIME", description = "End of the window, same forms (default: now).")
  String endTime;

  /** The JSON body of {@code POST /v2/traces}, {@code /v2/sessions} and {@code /v2/spans}. */
  public ObjectNode body(ApiClient api, ClientOptions client) {
    Instant now = Instant.now();
    String start = TimeArgument.parse("--start-time", startTime, now);
    String end = TimeArgument.parse("--end-time", endTime, now);
    ObjectNode body = ApiClient.object().put("project_id", projectId(api, client));
    if (start != null) {
      body.put("start_time", start);
    }
    if (end != null) {
      body.put("end_time", end);
    }
    if (filter != null) {
      body.put("filter", filter);
    }
    return body;
  }

  /** The same as query parameters, for the exports. */
  Map<String, String> query(ApiClient api, ClientOptions client) {
    Map<String, String> query = new LinkedHashMap<>();
    body(api, client).properties().forEach(e -> query.put(e.getKey(), e.getValue().asText()));
    return query;
  }
}
