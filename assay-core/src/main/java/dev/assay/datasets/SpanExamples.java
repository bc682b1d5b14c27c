package dev.assay.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import dev.assay.auth.AccessScope;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.traces.Span;
import dev.assay.traces.SpanQuery;
import dev.assay.traces.SpanService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a span selection into example drafts. The input is the span's {@code input.value}: a JSON object becomes the
 * input object itself (its keys are the template variables an experiment's prompt uses); any other value, JSON or
 * plain text, is kept as {@code {"input": value}}. The output likewise from {@code output.value} under
 * {@code "output"}. A JSONPath ({@code input_path}, {@code output_path}) first selects part of the parsed value.
 * Span content is untrusted: it is only parsed as JSON, never evaluated.
 */
final class SpanExamples {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Configuration JSON_PATH = Configuration.defaultConfiguration();

  private final SpanService spans;

  SpanExamples(SpanService spans) {
    this.spans = spans;
  }

  List<ExampleDraft> drafts(AccessScope scope, FromSpans request) {
    if (request.projectRef() == null || request.projectRef().isBlank()) {
      throw new InvalidInputException("project_id is required");
    }
    if (request.limit() < 1 || request.limit() > FromSpans.MAX_LIMIT) {
      throw new InvalidInputException("limit must be between 1 and " + FromSpans.MAX_LIMIT + ", got " + request.limit());
    }
    JsonPath inputPath = compile("input_path", request.inputPath());
    JsonPath outputPath = compile("output_path", request.outputPath());
    // The list reads previews (long values cut); the selected spans are then read whole, a page at a time.
    List<ExampleDraft> drafts = new ArrayList<>();
    String cursor = null;
    do {
      int want = Math.min(SpanQuery.MAX_LIMIT, request.limit() - drafts.size());
      Page<Span> page = spans.list(scope, request.projectRef(), request.start(), request.end(), request.filter(), cursor,
          want);
      Map<String, Span> whole = spans.getSpans(scope, request.projectRef(),
          page.items().stream().map(Span::spanId).toList());
      for (Span preview : page.items()) {
        Span span = whole.getOrDefault(preview.spanId(), preview);
        drafts.add(new ExampleDraft(null, part("input", span.inputValue(), inputPath),
            part("output", span.outputValue(), outputPath), metadata(span), List.of(), span.spanId(), span.traceId()));
      }
      cursor = page.nextCursor();
    } while (cursor != null && drafts.size() < request.limit());
    return drafts;
  }

  private static Map<String, Object> metadata(Span span) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("span_name", span.name());
    if (span.spanKind() != null) {
      m.put("span_kind", span.spanKind());
    }
    return m;
  }

  private static JsonPath compile(String what, String path) {
    if (path == null || path.isBlank()) {
      return null;
    }
    try {
      return JsonPath.compile(path);
    } catch (InvalidPathException | IllegalArgumentException e) {
      throw new InvalidInputException(what + " '" + path + "' is not a valid JSONPath: " + e.getMessage());
    }
  }

  /** The input or output object of a span value, as described on the class. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> part(String key, String value, JsonPath path) {
    if (value == null) {
      return Map.of();
    }
    Object parsed = parse(value);
    if (path != null) {
      try {
        parsed = path.read(parsed instanceof String ? value : parsed, JSON_PATH);
      } catch (PathNotFoundException e) {
        return Map.of();
      } catch (RuntimeException e) {
        parsed = null;
      }
      if (parsed == null) {
        return Map.of();
      }
    }
    if (parsed instanceof Map<?, ?> object) {
      return (Map<String, Object>) object;
    }
    Map<String, Object> wrapped = new LinkedHashMap<>();
    wrapped.put(key, parsed);
    return wrapped;
  }

  /** A JSON value when the text is JSON, else the text itself. */
  private static Object parse(String text) {
    String t = text.strip();
    if (t.startsWith("{") || t.startsWith("[") || t.startsWith("\"")) {
      try {
        return JSON.readValue(t, Object.class);
      } catch (JsonProcessingException e) {
        return text;
      }
    }
    return text;
  }
}
