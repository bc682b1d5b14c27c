package dev.assay.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.eval.SubjectKind;
import dev.assay.shared.Times;
import dev.assay.tasks.RunChunk;
import dev.assay.tasks.Task;
import dev.assay.tasks.TaskEvaluatorRef;
import dev.assay.tasks.TaskRun;
import dev.assay.tasks.TaskRunStatus;
import dev.assay.tasks.TaskType;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Column lists and row mappings of {@code tasks}, {@code task_runs} and {@code task_run_chunks}, and the JSON of a
 * task's evaluator list and a chunk's target ids (snake_case, as in V006).
 */
final class TaskRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String RUN_COLUMNS = """
      id, task_id, project_id, status, data_start_time, data_end_time, max_spans, override_evaluations, num_targets,
      chunks_total, chunks_done, num_successes, num_errors, num_skipped, failure_reason, paused_reason, run_started_at,
      run_finished_at, created_at, updated_at""";

  private TaskRows() {}

  static String taskColumns(Dialect dialect) {
    return "id, space_id, project_id, name, type, scope, query_filter, sampling_rate, is_continuous, "
        + dialect.jsonText("evaluators") + " AS evaluators, paused_reason, paused_at, paused_config_id, last_run_at, "
        + "created_at, updated_at";
  }

  static String chunkColumns(Dialect dialect) {
    return "run_id, chunk_no, " + dialect.jsonText("target_ids") + " AS target_ids, status, num_successes, num_errors, "
        + "num_skipped";
  }

  static Task task(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Task(rs.getString("id"), rs.getString("space_id"), rs.getString("project_id"), rs.getString("name"),
        TaskType.valueOf(rs.getString("type")), SubjectKind.valueOf(rs.getString("scope")), rs.getString("query_filter"),
        rs.getDouble("sampling_rate"), rs.getBoolean("is_continuous"), readEvaluators(rs.getString("evaluators")),
        rs.getString("paused_reason"), instant(rs, "paused_at"), rs.getString("paused_config_id"),
        instant(rs, "last_run_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
  }

  static TaskRun run(ResultSet rs, StatementContext ctx) throws SQLException {
    Long numTargets = JdbcSpanStore.nullableLong(rs, "num_targets");
    int chunksTotal = rs.getInt("chunks_total");
    Integer chunks = rs.wasNull() ? null : chunksTotal;
    return new TaskRun(rs.getString("id"), rs.getString("task_id"), rs.getString("project_id"),
        TaskRunStatus.valueOf(rs.getString("status")), instant(rs, "data_start_time"), instant(rs, "data_end_time"),
        rs.getLong("max_spans"), rs.getBoolean("override_evaluations"), numTargets, chunks, rs.getInt("chunks_done"),
        rs.getLong("num_successes"), rs.getLong("num_errors"), rs.getLong("num_skipped"), rs.getString("failure_reason"),
        rs.getString("paused_reason"), instant(rs, "run_started_at"), instant(rs, "run_finished_at"),
        instant(rs, "created_at"), instant(rs, "updated_at"));
  }

  static RunChunk chunk(ResultSet rs, StatementContext ctx) throws SQLException {
    return new RunChunk(rs.getString("run_id"), rs.getInt("chunk_no"), readIds(rs.getString("target_ids")),
        RunChunk.Status.valueOf(rs.getString("status")), rs.getLong("num_successes"), rs.getLong("num_errors"),
        rs.getLong("num_skipped"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Times.instant(v);
  }

  static Long micros(Instant instant) {
    return instant == null ? null : Times.micros(instant);
  }

  static String writeEvaluators(List<TaskEvaluatorRef> evaluators) {
    ArrayNode array = JSON.createArrayNode();
    for (TaskEvaluatorRef e : evaluators) {
      ObjectNode o = array.addObject();
      o.put("evaluator_id", e.evaluatorId());
      o.put("evaluator_version_id", e.evaluatorVersionId());
      o.put("query_filter", e.queryFilter());
      ObjectNode mappings = o.putObject("column_mappings");
      // Sorted, so equal lists are stored as equal text whatever map the caller built.
      new java.util.TreeMap<>(e.columnMappings()).forEach(mappings::put);
    }
    return array.toString();
  }

  static List<TaskEvaluatorRef> readEvaluators(String json) {
    JsonNode array = parse(json);
    List<TaskEvaluatorRef> out = new ArrayList<>(array.size());
    for (JsonNode o : array) {
      Map<String, String> mappings = new LinkedHashMap<>();
      o.path("column_mappings").properties().forEach(m -> mappings.put(m.getKey(), m.getValue().asText()));
      out.add(new TaskEvaluatorRef(o.path("evaluator_id").asText(), text(o, "evaluator_version_id"), text(o, "query_filter"),
          mappings));
    }
    return out;
  }

  static String writeIds(List<String> ids) {
    ArrayNode array = JSON.createArrayNode();
    ids.forEach(array::add);
    return array.toString();
  }

  static List<String> readIds(String json) {
    List<String> out = new ArrayList<>();
    parse(json).forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("stored task JSON is not valid", e);
    }
  }
}
