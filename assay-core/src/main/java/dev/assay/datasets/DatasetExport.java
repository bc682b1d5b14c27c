package dev.assay.datasets;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.assay.auth.AccessScope;
import dev.assay.shared.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a version's examples as JSONL (one canonical example per line: {@code id, input, output, metadata, splits,
 * source_span_id, source_trace_id}) or CSV. Both stream: JSONL row by row; CSV reads the version twice, first for its
 * columns ({@code id}, {@code input.<key>}…, {@code output.<key>}…, {@code metadata.<key>}…, {@code splits},
 * {@code source_span_id}, {@code source_trace_id}), then for the rows. A CSV cell holds a string value as it is and any
 * other value as JSON text. Uploading a JSONL export with input key {@code input}, output key {@code output} and
 * metadata key {@code metadata} gives the same examples back.
 */
final class DatasetExport {
  private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  private static final CsvMapper CSV = new CsvMapper();

  private DatasetExport() {}

  static void write(DatasetService service, AccessScope scope, String spaceRef, String datasetRef, String versionRef,
      Collection<String> splits, UploadFormat format, OutputStream out) {
    switch (format) {
      case JSONL -> service.forEachExample(scope, spaceRef, datasetRef, versionRef, splits, e -> jsonl(e, out));
      case CSV -> csv(service, scope, spaceRef, datasetRef, versionRef, splits, out);
      case JSON -> throw new InvalidInputException("export formats are csv and jsonl");
    }
  }

  static Map<String, Object> canonical(Example e) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", e.id());
    row.put("input", e.input());
    row.put("output", e.output());
    row.put("metadata", e.metadata());
    row.put("splits", e.splits());
    row.put("source_span_id", e.sourceSpanId());
    row.put("source_trace_id", e.sourceTraceId());
    return row;
  }

  private static void jsonl(Example e, OutputStream out) {
    try {
      JSON.writeValue(out, canonical(e));
      out.write('\n');
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static void csv(DatasetService service, AccessScope scope, String spaceRef, String datasetRef,
      String versionRef, Collection<String> splits, OutputStream out) {
    Set<String> in = new LinkedHashSet<>();
    Set<String> expected = new LinkedHashSet<>();
    Set<String> meta = new LinkedHashSet<>();
    service.forEachExample(scope, spaceRef, datasetRef, versionRef, splits, e -> {
      in.addAll(e.input().keySet());
      expected.addAll(e.output().keySet());
      meta.addAll(e.metadata().keySet());
    });
    List<String> header = new ArrayList<>();
    header.add("id");
    in.forEach(k -> header.add("input." + k));
    expected.forEach(k -> header.add("output." + k));
    meta.forEach(k -> header.add("metadata." + k));
    header.addAll(List.of("splits", "source_span_id", "source_trace_id"));
    try (SequenceWriter g = CSV.writer(CsvSchema.emptySchema()).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValues(out)) {
      g.write(header);
      service.forEachExample(scope, spaceRef, datasetRef, versionRef, splits, e -> {
        List<String> row = new ArrayList<>(header.size());
        row.add(e.id());
        in.forEach(k -> row.add(cell(e.input().get(k))));
        expected.forEach(k -> row.add(cell(e.output().get(k))));
        meta.forEach(k -> row.add(cell(e.metadata().get(k))));
        row.add(String.join(",", e.splits()));
        row.add(e.sourceSpanId() == null ? "" : e.sourceSpanId());
        row.add(e.sourceTraceId() == null ? "" : e.sourceTraceId());
        try {
          g.write(row);
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      });
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
