package dev.assay.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one output formatter: each format's exact text for the same rows. */
class OutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode row(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static String print(OutputFormat format, List<JsonNode> rows, List<String> columns) {
    StringWriter out = new StringWriter();
    new Output(new PrintWriter(out), format).list(rows, columns);
    return out.toString();
  }

  @Test
  void csv_quotesCommasQuotesAndLineBreaks_perRfc4180() throws Exception {
    List<JsonNode> rows = List.of(
        row("{\"name\":\"plain\",\"note\":\"a,b\"}"),
        row("{\"name\":\"say \\\"hi\\\"\",\"note\":\"line1\\nline2\"}"),
        row("{\"name\":\"cr\\r\",\"note\":null}"));

    String csv = print(OutputFormat.CSV, rows, List.of("name", "note"));

    assertEquals("name,note\r\n"
        + "plain,\"a,b\"\r\n"
        + "\"say \"\"hi\"\"\",\"line1\nline2\"\r\n"
        + "\"cr\r\",\r\n", csv);
  }

  @Test
  void csv_andTable_putPreferredColumnsFirst_thenOtherFields_andNestedValuesAsJson() throws Exception {
    List<JsonNode> rows = List.of(row("{\"id\":\"1\",\"extra\":{\"k\":[1,2]},\"name\":\"n\",\"flag\":true,\"n\":1.5}"));

    assertEquals("name,id,extra,flag,n\r\nn,1,\"{\"\"k\"\":[1,2]}\",true,1.5\r\n",
        print(OutputFormat.CSV, rows, List.of("name", "id")));
  }

  @Test
  void jsonl_isOneCompactObjectPerLine() throws Exception {
    List<JsonNode> rows = List.of(row("{\"a\": 1, \"b\": \"x\"}"), row("{\"a\": 2}"));

    assertEquals("{\"a\":1,\"b\":\"x\"}\n{\"a\":2}\n", print(OutputFormat.JSONL, rows, List.of("a")));
  }

  @Test
  void json_isAPrettyArrayForLists_andAnObjectForOneItem() throws Exception {
    JsonNode one = row("{\"a\":1}");

    assertEquals(JSON.readTree("[{\"a\":1},{\"a\":2}]"),
        JSON.readTree(print(OutputFormat.JSON, List.of(one, row("{\"a\":2}")), List.of())));
    assertEquals("[ ]\n", print(OutputFormat.JSON, List.of(), List.of("a")));

    StringWriter out = new StringWriter();
    new Output(new PrintWriter(out), OutputFormat.JSON).item(one, List.of("a"));
    assertEquals("{\n  \"a\" : 1\n}\n", out.toString());
  }

  @Test
  void table_alignsColumnsToTheWidestCell_withoutTrailingSpaces() throws Exception {
    List<JsonNode> rows = List.of(
        row("{\"name\":\"a\",\"id\":\"1\",\"created_at\":\"2026\"}"),
        row("{\"name\":\"longer-name\",\"id\":\"22\",\"created_at\":null}"));

    assertEquals(""
        + "name         id  created_at\n"
        + "a            1   2026\n"
        + "longer-name  22\n", print(OutputFormat.TABLE, rows, List.of("name", "id", "created_at")));
  }

  @Test
  void table_keepsEachRowOnOneLine_andCutsLongCells() throws Exception {
    String longText = "x".repeat(Output.MAX_TABLE_CELL + 10);
    List<JsonNode> rows = List.of(row("{\"v\":\"a\\nb\\tc\"}"), row("{\"v\":\"" + longText + "\"}"));

    List<String> lines = print(OutputFormat.TABLE, rows, List.of("v")).lines().toList();

    assertEquals(List.of("v", "a b c", "x".repeat(Output.MAX_TABLE_CELL - 1) + "…"), lines);
  }

  @Test
  void emptyTable_showsItsHeader_andEmptyCsvPrintsTheHeaderToo() {
    assertEquals("name  id\n", print(OutputFormat.TABLE, List.of(), List.of("name", "id")));
    assertEquals("name,id\r\n", print(OutputFormat.CSV, List.of(), List.of("name", "id")));
    assertEquals("", print(OutputFormat.JSONL, List.of(), List.of("name", "id")));
  }
}
