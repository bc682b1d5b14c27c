package dev.assay.server.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.assay.eval.Evaluation;
import dev.assay.experiments.Experiment;
import dev.assay.experiments.RunResult;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An experiment's runs as a download: {@code json} ({@code {experiment, runs}}), {@code jsonl} (one run per line, as
 * {@code GET …/runs} shows it) or {@code csv} (the run columns, then {@code <evaluator>.score}, {@code .label} and
 * {@code .passed} per evaluator name). The runs are read whole first because the CSV header needs every evaluator
 * name; an experiment's runs are bounded by examples × repetitions.
 */
final class ExperimentExport {
  static final List<String> RUN_COLUMNS = List.of("id", "example_id", "repetition", "output", "error", "start_time",
      "end_time", "latency_ms", "prompt_tokens", "completion_tokens", "cost", "trace_id");
  private static final CsvMapper CSV = CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

  private ExperimentExport() {}

  enum Format {
    JSON("application/json", "json"), JSONL("application/x-ndjson", "jsonl"), CSV("text/csv; charset=utf-8", "csv");

    final String contentType;
    final String extension;

    Format(String contentType, String extension) {
      this.contentType = contentType;
      this.extension = extension;
    }

    static Format of(String value) {
      if (value == null) {
        return JSON;
      }
      for (Format f : values()) {
        if (f.extension.equalsIgnoreCase(value)) {
          return f;
        }
      }
      throw new InvalidInputException("format '" + value + "' is invalid: use json, jsonl or csv");
    }
  }

  static void write(Context ctx, Format format, Experiment experiment, Function<String, Page<RunResult>> pages,
      ObjectMapper json) throws IOException {
    List<RunResult> runs = new ArrayList<>();
    String cursor = null;
    do {
      Page<RunResult> page = pages.apply(cursor);
      runs.addAll(page.items());
      cursor = page.hasMore() ? page.nextCursor() : null;
    } while (cursor != null);
    String file = experiment.name().replaceAll("[^A-Za-z0-9._-]", "_") + "." + format.extension;
    ctx.status(200).contentType(format.contentType).header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    OutputStream out = ctx.res().getOutputStream();
    switch (format) {
      case JSON -> {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("experiment", ExperimentJson.of(experiment));
        doc.put("runs", runs.stream().map(ExperimentJson::run).toList());
        json.writeValue(out, doc);
      }
      case JSONL -> {
        for (RunResult run : runs) {
          out.write(json.writeValueAsBytes(ExperimentJson.run(run)));
          out.write('\n');
        }
      }
      case CSV -> csv(out, runs, json);
    }
    out.flush();
  }

  private static void csv(OutputStream out, List<RunResult> runs, ObjectMapper json) throws IOException {
    Set<String> names = new LinkedHashSet<>();
    runs.forEach(r -> r.evaluations().forEach(e -> names.add(e.name())));
    List<String> columns = new ArrayList<>(RUN_COLUMNS);
    for (String name : names) {
      columns.add(name + ".score");
      columns.add(name + ".label");
      columns.add(name + ".passed");
    }
    CsvSchema.Builder schema = CsvSchema.builder();
    columns.forEach(schema::addColumn);
    try (SequenceWriter writer = CSV.writer(schema.build().withoutHeader()).writeValues(out)) {
      writer.write(columns.toArray());
      for (RunResult r : runs) {
        Map<String, Object> shown = ExperimentJson.run(r);
        List<Object> row = new ArrayList<>();
        for (String column : RUN_COLUMNS) {
          Object value = shown.get(column);
          row.add(value == null ? null : value.toString());
        }
        Map<String, Evaluation> byName = new LinkedHashMap<>();
        r.evaluations().forEach(e -> byName.putIfAbsent(e.name(), e));
        for (String name : names) {
          Evaluation e = byName.get(name);
          row.add(e == null ? null : e.score());
          row.add(e == null ? null : e.label());
          row.add(e == null || e.passed() == null ? null : e.passed().toString().toLowerCase(Locale.ROOT));
        }
        writer.write(row.toArray());
      }
    }
  }
}
