package dev.assay.cli.traces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Table and CSV rows for spans, traces and sessions. JSON output prints the API's objects unchanged; a table
 * shows the few columns a person scans, so the rows here are projections of those objects.
 */
final class Rows {
  static final List<String> SPAN_COLUMNS =
      List.of("span_id", "trace_id", "parent_id", "name", "kind", "status_code", "start_time", "latency_ms");
  static final List<String> TRACE_COLUMNS = List.of("trace_id", "name", "start_time", "latency_ms", "span_count",
      "error_count", "status_code", "total_tokens", "cost_total", "session_id");
  static final List<String> SESSION_COLUMNS = List.of("session_id", "start_time", "trace_count", "span_count",
      "error_count", "total_tokens", "cost_total", "user_id", "first_input");
  static final List<String> TREE_COLUMNS = List.of("span", "kind", "latency_ms", "status_code", "span_id");
  static final List<String> TREE_CSV_COLUMNS = List.of("depth", "span_id", "parent_id", "name", "kind", "latency_ms", "status_code");
  static final List<String> FIELD_COLUMNS = List.of("field", "value");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Rows() {}

  /** The AX span as a flat row: ids out of {@code context}, latency from the times. */
  static ObjectNode span(JsonNode span) {
    ObjectNode row = NODES.objectNode();
    row.put("span_id", span.at("/context/span_id").asText(""));
    row.put("trace_id", span.at("/context/trace_id").asText(""));
    row.put("parent_id", span.path("parent_id").asText(""));
    row.put("name", span.path("name").asText(""));
    row.put("kind", span.path("kind").asText(""));
    row.put("status_code", span.path("status_code").asText(""));
    row.put("start_time", span.path("start_time").asText(""));
    row.set("latency_ms", latencyMs(span));
    return row;
  }

  /** The named fields of an object, in that order (missing ones empty). */
  static ObjectNode pick(JsonNode item, List<String> columns) {
    ObjectNode row = NODES.objectNode();
    for (String column : columns) {
      JsonNode value = item.get(column);
      row.set(column, value == null ? NODES.nullNode() : value);
    }
    return row;
  }

  /** Milliseconds between {@code start_time} and {@code end_time}, to the microsecond; null when either is missing. */
  static JsonNode latencyMs(JsonNode span) {
    try {
      Instant start = Instant.parse(span.path("start_time").asText());
      Instant end = Instant.parse(span.path("end_time").asText());
      BigDecimal ms = BigDecimal.valueOf(Duration.between(start, end).toNanos()).movePointLeft(6)
          .setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
      return NODES.numberNode(ms.scale() < 0 ? ms.setScale(0) : ms);
    } catch (DateTimeParseException e) {
      return NODES.nullNode();
    }
  }

  /** One span of a tree and how deep it sits (roots at 0). */
  record Node(int depth, JsonNode span) {}

  /**
   * The spans depth first, children after their parent, siblings by start time. A span whose parent is not among
   * them (not arrived, or deleted) is shown as a root, so no span is ever hidden.
   */
  static List<Node> tree(List<JsonNode> spans) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    spans.forEach(s -> byId.put(s.at("/context/span_id").asText(), s));
    Map<String, List<JsonNode>> children = new HashMap<>();
    List<JsonNode> roots = new ArrayList<>();
    for (JsonNode s : spans) {
      String parent = s.path("parent_id").asText("");
      if (parent.isEmpty() || !byId.containsKey(parent) || parent.equals(s.at("/context/span_id").asText())) {
        roots.add(s);
      } else {
        children.computeIfAbsent(parent, p -> new ArrayList<>()).add(s);
      }
    }
    Comparator<JsonNode> byStart = Comparator.comparing((JsonNode s) -> s.path("start_time").asText(""), Rows::compareTimes)
        .thenComparing(s -> s.at("/context/span_id").asText());
    List<Node> out = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    roots.sort(byStart);
    for (JsonNode root : roots) {
      walk(root, 0, children, byStart, visited, out);
    }
    for (JsonNode s : spans) { // a parent cycle has no root: show what is left flat rather than drop it
      if (!visited.contains(s.at("/context/span_id").asText())) {
        walk(s, 0, children, byStart, visited, out);
      }
    }
    return out;
  }

  private static void walk(JsonNode span, int depth, Map<String, List<JsonNode>> children, Comparator<JsonNode> order,
      Set<String> visited, List<Node> out) {
    String id = span.at("/context/span_id").asText();
    if (!visited.add(id)) {
      return;
    }
    out.add(new Node(depth, span));
    List<JsonNode> kids = new ArrayList<>(children.getOrDefault(id, List.of()));
    kids.sort(order);
    for (JsonNode kid : kids) {
      walk(kid, depth + 1, children, order, visited, out);
    }
  }

  private static int compareTimes(String a, String b) {
    try {
      return Instant.parse(a).compareTo(Instant.parse(b));
    } catch (DateTimeParseException e) {
      return a.compareTo(b);
    }
  }

  /** A tree row for a table: the name indented two spaces per level. */
  static ObjectNode treeRow(Node node) {
    JsonNode s = node.span();
    ObjectNode row = NODES.objectNode();
    row.put("span", "  ".repeat(node.depth()) + s.path("name").asText(""));
    row.put("kind", s.path("kind").asText(""));
    row.set("latency_ms", latencyMs(s));
    String status = s.path("status_code").asText("");
    String message = s.path("status_message").asText("");
    row.put("status_code", message.isEmpty() ? status : status + " (" + message + ")");
    row.put("span_id", s.at("/context/span_id").asText(""));
    return row;
  }

  /** A tree row for CSV: the depth as a number and the plain name. */
  static ObjectNode treeCsvRow(Node node) {
    JsonNode s = node.span();
    ObjectNode row = NODES.objectNode();
    row.put("depth", node.depth());
    row.put("span_id", s.at("/context/span_id").asText(""));
    row.put("parent_id", s.path("parent_id").asText(""));
    row.put("name", s.path("name").asText(""));
    row.put("kind", s.path("kind").asText(""));
    row.set("latency_ms", latencyMs(s));
    row.put("status_code", s.path("status_code").asText(""));
    return row;
  }

  /** One span as field/value rows: its fields, then one row per attribute ({@code attributes.<key>}). */
  static List<ObjectNode> fields(JsonNode span) {
    List<ObjectNode> rows = new ArrayList<>();
    ObjectNode flat = span(span);
    flat.properties().forEach(e -> rows.add(field(e.getKey(), e.getValue())));
    for (String name : List.of("end_time", "status_message")) {
      if (span.hasNonNull(name)) {
        rows.add(field(name, span.get(name)));
      }
    }
    span.path("attributes").properties().forEach(e -> rows.add(field("attributes." + e.getKey(), e.getValue())));
    int i = 0;
    for (JsonNode event : span.path("events")) {
      rows.add(field("events." + i++, NODES.textNode(event.path("timestamp").asText("") + " " + event.path("name").asText("")
          + " " + event.path("attributes"))));
    }
    for (JsonNode evaluation : span.path("evaluations")) {
      rows.add(field("evals." + evaluation.path("name").asText(""), evaluation));
    }
    return rows;
  }

  private static ObjectNode field(String name, JsonNode value) {
    ObjectNode row = NODES.objectNode();
    row.put("field", name);
    row.set("value", value);
    return row;
  }
}
