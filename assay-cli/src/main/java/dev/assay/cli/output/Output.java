package dev.assay.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one output formatter of the CLI: every command hands its resources (JSON objects as the API returns
 * them) here, in the format chosen with {@code -o}. Table and CSV columns are the command's preferred
 * columns first, then any other top-level field in the order first seen; nested values are compact JSON.
 */
public final class Output {
  /** Table cells longer than this are cut with an ellipsis; other formats never cut. */
  static final int MAX_TABLE_CELL = 80;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper COMPACT = new ObjectMapper();

  private final PrintWriter out;
  private final OutputFormat format;

  public Output(PrintWriter out, OutputFormat format) {
    if (out == null || format == null) {
      throw new NullPointerException("out and format are required");
    }
    this.out = out;
    this.format = format;
  }

  public OutputFormat format() {
    return format;
  }

  /** A list of resources; an empty table still shows its header. */
  public void list(List<? extends JsonNode> rows, List<String> columns) {
    switch (format) {
      case JSON -> {
        ArrayNode array = JSON.createArrayNode();
        rows.forEach(array::add);
        println(write(JSON, array));
      }
      case JSONL -> rows.forEach(row -> println(write(COMPACT, row)));
      case CSV -> csv(rows, columns(rows, columns));
      case TABLE -> table(rows, columns(rows, columns));
    }
    out.flush();
  }

  /** One resource: a JSON object, or a one-row table or CSV. */
  public void item(JsonNode row, List<String> columns) {
    if (format == OutputFormat.JSON) {
      println(write(JSON, row));
      out.flush();
    } else {
      list(List.of(row), columns);
    }
  }

  /**
   * A list whose table shows only {@code columns} (resources with many fields would not fit a terminal); the other
   * formats show every field, as {@link #list} does.
   */
  public void listNarrowTable(List<? extends JsonNode> rows, List<String> columns) {
    if (format == OutputFormat.TABLE) {
      table(rows, columns);
      out.flush();
    } else {
      list(rows, columns);
    }
  }

  /** One resource, its table narrowed as in {@link #listNarrowTable}. */
  public void itemNarrowTable(JsonNode row, List<String> columns) {
    if (format == OutputFormat.JSON) {
      item(row, columns);
    } else {
      listNarrowTable(List.of(row), columns);
    }
  }

  private void table(List<? extends JsonNode> rows, List<String> columns) {
    List<List<String>> cells = new ArrayList<>();
    cells.add(columns);
    for (JsonNode row : rows) {
      cells.add(columns.stream().map(c -> tableCell(row.get(c))).toList());
    }
    int[] widths = new int[columns.size()];
    for (List<String> line : cells) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).codePointCount(0, line.get(i).length()));
      }
    }
    for (List<String> line : cells) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String cell = line.get(i);
        text.append(cell);
        if (i < widths.length - 1) {
          text.append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()) + 2));
        }
      }
      println(text.toString().stripTrailing());
    }
  }

  private void csv(List<? extends JsonNode> rows, List<String> columns) {
    if (columns.isEmpty()) {
      return;
    }
    out.print(csvLine(columns));
    for (JsonNode row : rows) {
      out.print(csvLine(columns.stream().map(c -> text(row.get(c))).toList()));
    }
  }

  /** One CSV record: fields with a comma, quote, CR or LF are quoted, quotes doubled (RFC 4180). */
  static String csvLine(List<String> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      String field = fields.get(i);
      if (i > 0) {
        line.append(',');
      }
      if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0 || field.indexOf('\n') >= 0) {
        line.append('"').append(field.replace("\"", "\"\"")).append('"');
      } else {
        line.append(field);
      }
    }
    return line.append("\r\n").toString();
  }

  private static List<String> columns(List<? extends JsonNode> rows, List<String> preferred) {
    Set<String> columns = new LinkedHashSet<>(preferred);
    for (JsonNode row : rows) {
      for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
        columns.add(names.next());
      }
    }
    return List.copyOf(columns);
  }

  /** A value as text: strings as they are, null or missing as empty, anything nested as compact JSON. */
  static String text(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    return value.isValueNode() ? value.asText() : write(COMPACT, value);
  }

  private static String tableCell(JsonNode value) {
    String text = text(value).replaceAll("[\\r\\n\\t]+", " ");
    return text.length() > MAX_TABLE_CELL ? text.substring(0, MAX_TABLE_CELL - 1) + "…" : text;
  }

  private void println(String line) {
    // Explicit "\n": picocli's writers would otherwise use the platform separator, and JSON Lines wants \n.
    out.print(line);
    out.print('\n');
  }

  private static String write(ObjectMapper mapper, JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
