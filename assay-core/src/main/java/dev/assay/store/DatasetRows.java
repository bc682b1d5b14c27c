package dev.assay.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.datasets.Dataset;
import dev.assay.datasets.DatasetVersion;
import dev.assay.datasets.Example;
import dev.assay.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Row mapping and JSON columns of the V007 dataset tables. */
final class DatasetRows {
  static final String COLUMNS = "id, space_id, name, description, latest_version, created_at, updated_at";
  static final String VERSION_COLUMNS = "id, dataset_id, number, name, description, example_count, created_at";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  private DatasetRows() {}

  /** The example columns; the JSON content is stored as text (see V007). */
  static final String EXAMPLE_COLUMNS = "e.example_id, e.dataset_id, e.input, e.output, e.metadata, e.splits,"
      + " e.source_span_id, e.source_trace_id, e.created_at, e.updated_at";

  /** Without versions; {@code example_count} is the latest version's (selected alongside). */
  static Dataset dataset(ResultSet rs, List<DatasetVersion> versions) throws SQLException {
    return new Dataset(rs.getString("id"), rs.getString("space_id"), rs.getString("name"), rs.getString("description"),
        Times.instant(rs.getLong("created_at")), Times.instant(rs.getLong("updated_at")), versions,
        rs.getLong("example_count"));
  }

  static DatasetVersion version(ResultSet rs) throws SQLException {
    return new DatasetVersion(rs.getString("id"), rs.getString("dataset_id"), rs.getString("name"), rs.getInt("number"),
        rs.getString("description"), Times.instant(rs.getLong("created_at")), rs.getLong("example_count"));
  }

  static Example example(ResultSet rs) throws SQLException {
    return new Example(rs.getString("example_id"), rs.getString("dataset_id"), map(rs.getString("input")),
        map(rs.getString("output")), map(rs.getString("metadata")), list(rs.getString("splits")),
        rs.getString("source_span_id"), rs.getString("source_trace_id"), Times.instant(rs.getLong("created_at")),
        Times.instant(rs.getLong("updated_at")));
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("example content is not serialisable as JSON", e);
    }
  }

  private static Map<String, Object> map(String json) {
    try {
      return json == null ? Map.of() : JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored example JSON does not parse", e);
    }
  }

  private static List<String> list(String json) {
    try {
      return json == null ? List.of() : JSON.readValue(json, LIST);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored example splits do not parse", e);
    }
  }
}
