package dev.assay.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.shared.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetUploadsTest {
  private static final UploadKeys DEFAULT = new UploadKeys(null, null, null, null, null, null);

  private static List<ExampleDraft> parse(UploadFormat format, String text, UploadKeys keys) {
    return DatasetUploads.parse(format, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), keys);
  }

  private static String error(UploadFormat format, String text, UploadKeys keys) {
    return assertThrows(InvalidInputException.class, () -> parse(format, text, keys)).getMessage();
  }

  @Test
  void csv_keysChooseInputOutputMetadata_splitsAndIds_quotedCellsKeepCommasAndNewlines() {
    String csv = "id,question,answer,topic,split,span\n"
        + "e1,\"What is 2+2, roughly?\",4,math,\"train, test\",s1\n"
        + "e2,\"two\nlines\",x,geo,,\n";
    List<ExampleDraft> drafts = parse(UploadFormat.CSV, csv,
        new UploadKeys(null, List.of("answer"), List.of("topic"), "split", "span", "id"));
    assertEquals(2, drafts.size());
    ExampleDraft first = drafts.getFirst();
    assertEquals("e1", first.id());
    assertEquals(Map.of("question", "What is 2+2, roughly?"), first.input());
    assertEquals(Map.of("answer", "4"), first.output());
    assertEquals(Map.of("topic", "math"), first.metadata());
    assertEquals(List.of("train", "test"), first.splits());
    assertEquals("s1", first.sourceSpanId());
    assertEquals("two\nlines", drafts.get(1).input().get("question"));
    assertEquals(List.of(), drafts.get(1).splits());
    assertNull(drafts.get(1).sourceSpanId());
  }

  @Test
  void csv_explicitInputKeys_ignoreTheRest() {
    List<ExampleDraft> drafts = parse(UploadFormat.CSV, "a,b,c\n1,2,3\n", new UploadKeys(List.of("a"), List.of("b"), null, null, null, null));
    assertEquals(Map.of("a", "1"), drafts.getFirst().input());
    assertEquals(Map.of("b", "2"), drafts.getFirst().output());
  }

  @Test
  void csv_malformed_namesTheProblem() {
    assertTrue(error(UploadFormat.CSV, "a,b\n1,2,3\n", DEFAULT).contains("CSV line"), "too many cells");
    assertTrue(error(UploadFormat.CSV, "a,a\n1,2\n", DEFAULT).contains("'a' appears more than once"));
    assertTrue(error(UploadFormat.CSV, "a,b\n", DEFAULT).contains("no examples"));
    assertTrue(error(UploadFormat.CSV, "a,b\n1,2\n", new UploadKeys(null, List.of("answer"), null, null, null, null))
        .contains("'answer'"));
    assertTrue(error(UploadFormat.CSV, "a,\"b\n1,2\n", DEFAULT).contains("CSV"));
  }

  @Test
  void jsonl_objectsPerLine_blankLinesSkipped_aLoneObjectKeyIsTheObject() {
    String jsonl = "{\"input\": {\"q\": \"hi\", \"n\": 2}, \"output\": {\"a\": \"x\"}, \"metadata\": {\"m\": true}}\n\n"
        + "{\"input\": {\"q\": \"yo\"}, \"output\": {\"a\": \"y\"}, \"metadata\": {}}\n";
    List<ExampleDraft> drafts = parse(UploadFormat.JSONL, jsonl,
        new UploadKeys(List.of("input"), List.of("output"), List.of("metadata"), null, null, null));
    assertEquals(Map.of("q", "hi", "n", 2), drafts.getFirst().input());
    assertEquals(Map.of("a", "x"), drafts.getFirst().output());
    assertEquals(Map.of("m", true), drafts.getFirst().metadata());
    assertEquals(2, drafts.size());
  }

  @Test
  void jsonl_malformed_namesTheLine() {
    assertTrue(error(UploadFormat.JSONL, "{\"a\": 1}\n{\"a\": \n", DEFAULT).startsWith("JSONL line 2 is not valid JSON"));
    assertTrue(error(UploadFormat.JSONL, "{\"a\": 1}\n\n[1]\n", DEFAULT).contains("JSONL line 3 is not a JSON object"));
    assertTrue(error(UploadFormat.JSONL, "{\"a\": 1} {\"b\": 2}\n", DEFAULT).contains("line 1"));
  }

  @Test
  void json_arrayOfObjects_splitsAsList() {
    List<ExampleDraft> drafts = parse(UploadFormat.JSON, "[{\"q\": 1, \"s\": [\"a\", \"b\"]}, {\"q\": 2, \"s\": \"c\"}]",
        new UploadKeys(null, null, null, "s", null, null));
    assertEquals(List.of("a", "b"), drafts.getFirst().splits());
    assertEquals(List.of("c"), drafts.get(1).splits());
    assertEquals(Map.of("q", 1), drafts.getFirst().input());
  }

  @Test
  void json_malformed_namesTheElement() {
    assertTrue(error(UploadFormat.JSON, "{\"q\": 1}", DEFAULT).contains("array of objects"));
    assertTrue(error(UploadFormat.JSON, "[{\"q\": 1}, 2]", DEFAULT).contains("JSON element 1 is not a JSON object"));
    assertTrue(error(UploadFormat.JSON, "[{\"q\": 1},", DEFAULT).contains("not valid JSON"));
    assertTrue(error(UploadFormat.JSON, "[{\"q\": 1, \"s\": 3}]", new UploadKeys(null, null, null, "s", null, null))
        .contains("element 0"));
    assertTrue(error(UploadFormat.JSON, "[{\"q\": 1}]", new UploadKeys(List.of("q"), List.of("q2"), null, null, null, null))
        .contains("'q2'"));
  }

  @Test
  void formatOf_fileNames() {
    assertEquals(UploadFormat.CSV, DatasetUploads.formatOf("a.CSV"));
    assertEquals(UploadFormat.JSONL, DatasetUploads.formatOf("a.ndjson"));
    assertEquals(UploadFormat.JSON, DatasetUploads.formatOf("a.json"));
    assertNull(DatasetUploads.formatOf("a.txt"));
  }

  @Test
  void limits_moreRowsThanTheMost_orARowTooLong_refuseTheWholeFile() {
    StringBuilder csv = new StringBuilder("a\n");
    StringBuilder jsonl = new StringBuilder();
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i <= DatasetUploads.MAX_ROWS; i++) {
      csv.append(i).append('\n');
      jsonl.append("{\"a\":").append(i).append("}\n");
      json.append(i == 0 ? "" : ",").append("{\"a\":").append(i).append('}');
    }
    json.append(']');
    for (var upload : List.of(Map.entry(UploadFormat.CSV, csv.toString()), Map.entry(UploadFormat.JSONL, jsonl.toString()),
        Map.entry(UploadFormat.JSON, json.toString()))) {
      assertTrue(error(upload.getKey(), upload.getValue(), DEFAULT).contains("more than 100000 examples"), upload.getKey().name());
    }
    // Exactly the most is fine.
    assertEquals(DatasetUploads.MAX_ROWS, parse(UploadFormat.CSV, csv.substring(0, csv.lastIndexOf("100000\n")), DEFAULT).size());

    String big = "x".repeat(DatasetUploads.MAX_ROW_CHARS);
    assertTrue(error(UploadFormat.JSONL, "{\"a\":\"" + big + "\"}\n", DEFAULT).contains("JSONL line 1 is longer than"));
    assertTrue(error(UploadFormat.JSONL, "{\"a\":1}\r\n\n{\"a\":\"" + big + "\"}", DEFAULT).contains("JSONL line 3 is longer than"));
    assertTrue(error(UploadFormat.CSV, "a,b\n1," + big + "\n", DEFAULT).contains("CSV"));
    String half = "y".repeat(DatasetUploads.MAX_ROW_CHARS / 2 + 1);
    assertTrue(error(UploadFormat.CSV, "a,b\n" + half + "," + half + "\n", DEFAULT).contains("CSV row 1 is longer than"));
    // \r\n and lone \r end JSONL lines as before.
    assertEquals(3, parse(UploadFormat.JSONL, "{\"a\":1}\r\n{\"a\":2}\r{\"a\":3}", DEFAULT).size());
  }
}
