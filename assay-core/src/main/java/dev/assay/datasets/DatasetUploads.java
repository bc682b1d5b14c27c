package dev.assay.datasets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.assay.shared.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an uploaded CSV, JSONL or JSON file into example drafts (used by the API's upload, the CLI and
 * {@code assay eval}'s test files). A malformed file or a named key that no row has is an
 * {@link dev.assay.shared.InvalidInputException} naming the line or key; nothing is half-read.
 *
 * <p>CSV: a header row, then one example per row; every cell is text. JSONL: one JSON object per non-blank line.
 * JSON: one array of objects. Rows become examples through {@link UploadKeys}; when a single key is chosen for the
 * input (output, metadata) and its value is an object, that object is the input (so a JSONL export reads back).
 *
 * <p>Limits (beyond the request size, {@code ASSAY_MAX_REQUEST_BYTES}): at most {@value #MAX_ROWS} rows per file, and
 * at most {@value #MAX_ROW_CHARS} characters in one JSONL line or one CSV row (its cells together); beyond either the
 * upload is refused as a whole (400, naming the row), so a file is never stored in part.
 */
public final class DatasetUploads {
  /** Most examples one upload may hold; larger sets go in several uploads appended to one dataset. */
  public static final int MAX_ROWS = 100_000;
  /** Longest JSONL line or CSV row, in characters (4 Mi). */
  public static final int MAX_ROW_CHARS = 4 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final CsvMapper CSV = CsvMapper.builder(CsvFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_ROW_CHARS).build()).build())
      .enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .build();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private DatasetUploads() {}

  /** The drafts in {@code in}, in file order. */
  public static List<ExampleDraft> parse(UploadFormat format, InputStream in, UploadKeys keys) {
    if (format == null || in == null) {
      throw new InvalidInputException("an upload needs a format and a file");
    }
    UploadKeys k = keys == null ? new UploadKeys(null, null, null, null, null, null) : keys;
    List<Row> rows = switch (format) {
      case CSV -> csv(in);
      case JSONL -> jsonl(in);
      case JSON -> json(in);
    };
    if (rows.isEmpty()) {
      throw new InvalidInputException("the file holds no examples");
    }
    return toDrafts(rows, k);
  }

  /** The format a file name implies ({@code .csv}, {@code .jsonl}/{@code .ndjson}, {@code .json}), or null. */
  public static UploadFormat formatOf(String fileName) {
    if (fileName == null) {
      return null;
    }
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".csv") ? UploadFormat.CSV : n.endsWith(".jsonl") || n.endsWith(".ndjson") ? UploadFormat.JSONL
        : n.endsWith(".json") ? UploadFormat.JSON : null;
  }

  /** One parsed row and where it was ({@code line 3}, {@code element 2}). */
  private record Row(String where, Map<String, Object> fields) {}

  private static List<Row> csv(InputStream in) {
    List<Row> rows = new ArrayList<>();
    try (MappingIterator<Map<String, Object>> it = CSV.readerFor(OBJECT)
        .with(CsvSchema.emptySchema().withHeader().withColumnReordering(false)).readValues(in)) {
      while (true) {
        Map<String, Object> row;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          row = it.nextValue();
        } catch (IOException | RuntimeException e) {
          throw new InvalidInputException("CSV line " + line(it) + ": " + message(e));
        }
        if (rows.isEmpty()) {
          checkHeader(((CsvParser) it.getParser()).getSchema());
        }
        checkRowCount(rows.size() + 1);
        long chars = 0;
        for (Object cell : row.values()) {
          chars += cell == null ? 0 : cell.toString().length();
        }
        if (chars > MAX_ROW_CHARS) {
          throw new InvalidInputException("CSV row " + (rows.size() + 1) + " is longer than " + MAX_ROW_CHARS + " characters");
        }
        rows.add(new Row("CSV row " + (rows.size() + 1), row));
      }
    } catch (IOException e) {
      throw new InvalidInputException("the CSV file could not be read: " + message(e));
    }
    return rows;
  }

  private static void checkHeader(CsvSchema schema) {
    Set<String> seen = new HashSet<>();
    for (CsvSchema.Column c : schema) {
      if (c.getName().isBlank()) {
        throw new InvalidInputException("CSV header: column " + (c.getIndex() + 1) + " has no name");
      }
      if (!seen.add(c.getName())) {
        throw new InvalidInputException("CSV header: column '" + c.getName() + "' appears more than once");
      }
    }
  }

  private static long line(MappingIterator<?> it) {
    var loc = it.getParser() == null ? null : it.getParser().currentLocation();
    return loc == null ? -1 : loc.getLineNr();
  }

  private static List<Row> jsonl(InputStream in) {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String text;
      int n = 0;
      while ((text = boundedLine(r, n + 1)) != null) {
        n++;
        if (text.isBlank()) {
          continue;
        }
        checkRowCount(rows.size() + 1);
        Object value;
        try {
          value = JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
          throw new InvalidInputException("JSONL line " + n + " is not valid JSON: " + e.getOriginalMessage());
        }
        rows.add(new Row("line " + n, object(value, "JSONL line " + n)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static List<Row> json(InputStream in) {
    Object value;
    try {
      value = JSON.readValue(in, Object.class);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("the JSON file is not valid JSON at line " + e.getLocation().getLineNr() + ": "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!(value instanceof List<?> list)) {
      throw new InvalidInputException("a JSON upload must be an array of objects");
    }
    checkRowCount(list.size());
    List<Row> rows = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      rows.add(new Row("element " + i, object(list.get(i), "JSON element " + i)));
    }
    return rows;
  }

  private static void checkRowCount(int rows) {
    if (rows > MAX_ROWS) {
      throw new InvalidInputException("the file holds more than " + MAX_ROWS + " examples, the most one upload may hold;"
          + " split it and append the parts to the dataset (dataset_id)");
    }
  }

  /**
   * The next line without its terminator (\n, \r\n or \r), or null at the end; a line longer than
   * {@link #MAX_ROW_CHARS} is refused before it is held whole.
   */
  private static String boundedLine(BufferedReader r, int lineNumber) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = r.read()) >= 0) {
      if (c == '\n') {
        return line.toString();
      }
      if (c == '\r') {
        r.mark(1);
        if (r.read() != '\n') {
          r.reset();
        }
        return line.toString();
      }
      if (line.length() >= MAX_ROW_CHARS) {
        throw new InvalidInputException("JSONL line " + lineNumber + " is longer than " + MAX_ROW_CHARS + " characters");
      }
      line.append((char) c);
    }
    return line.isEmpty() ? null : line.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String where) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new InvalidInputException(where + " is not a JSON object");
    }
    return (Map<String, Object>) m;
  }

  private static List<ExampleDraft> toDrafts(List<Row> rows, UploadKeys k) {
    Set<String> allKeys = new HashSet<>();
    rows.forEach(r -> allKeys.addAll(r.fields().keySet()));
    Set<String> named = new HashSet<>();
    named.addAll(k.outputKeys());
    named.addAll(k.metadataKeys());
    for (String key : Arrays.asList(k.splitKey(), k.spanIdKey(), k.exampleIdKey())) {
      if (key != null) {
        named.add(key);
      }
    }
    List<String> wanted = new ArrayList<>(named);
    wanted.addAll(k.inputKeys());
    for (String key : wanted) {
      if (!allKeys.contains(key)) {
        throw new InvalidInputException("key '" + key + "' is in no row of the file (keys: " + new java.util.TreeSet<>(allKeys) + ")");
      }
    }
    List<ExampleDraft> drafts = new ArrayList<>(rows.size());
    for (Row row : rows) {
      Map<String, Object> f = row.fields();
      Map<String, Object> input;
      if (k.inputKeys().isEmpty()) {
        input = new LinkedHashMap<>();
        for (var e : f.entrySet()) {
          if (!named.contains(e.getKey())) {
            input.put(e.getKey(), e.getValue());
          }
        }
      } else {
        input = pick(f, k.inputKeys());
      }
      Map<String, Object> output = pick(f, k.outputKeys());
      Map<String, Object> metadata = pick(f, k.metadataKeys());
      if (input.isEmpty() && output.isEmpty() && metadata.isEmpty()) {
        throw new InvalidInputException(row.where() + ": the row has none of the chosen input, output or metadata keys");
      }
      drafts.add(new ExampleDraft(text(f, k.exampleIdKey(), row), input, output, metadata, splits(f.get(k.splitKey()), row),
          text(f, k.spanIdKey(), row), null));
    }
    return drafts;
  }

  /** The chosen keys present in the row; a lone chosen key holding an object is that object. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> pick(Map<String, Object> row, List<String> keys) {
    if (keys.size() == 1 && row.get(keys.getFirst()) instanceof Map<?, ?> object) {
      return (Map<String, Object>) object;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : keys) {
      if (row.containsKey(key)) {
        out.put(key, row.get(key));
      }
    }
    return out;
  }

  private static String text(Map<String, Object> row, String key, Row where) {
    if (key == null || row.get(key) == null) {
      return null;
    }
    Object v = row.get(key);
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      throw new InvalidInputException(where.where() + ": '" + key + "' must be a string or number, not " + v);
    }
    String s = String.valueOf(v).strip();
    return s.isEmpty() ? null : s;
  }

  private static List<String> splits(Object value, Row where) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new InvalidInputException(where.where() + ": splits must be strings, got " + o);
        }
        out.add(s);
      }
      return out;
    }
    if (value instanceof String s) {
      return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
    throw new InvalidInputException(where.where() + ": the split must be a string or a list of strings, got " + value);
  }

  private static String message(Throwable e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
