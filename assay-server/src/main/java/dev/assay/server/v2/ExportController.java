package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.scope;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.shared.InvalidInputException;
import dev.assay.traces.SpanExportQuery.Selection;
import dev.assay.traces.SpanExportService;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v2/spans/export} and {@code GET /v2/traces/export}: a filtered selection of spans (or every span
 * of the selected traces) as JSONL, CSV or OTLP/JSON, streamed as it is read (chunked, constant memory).
 *
 * <p>Everything that can be wrong with the request (format, times, filter, project) is checked before the first
 * byte, so it still gets a problem document (400, 404). Once bytes are out the status is sent; a failure then
 * is logged and the connection is aborted without the closing chunk, so the client sees a cut transfer, never
 * a complete-looking file or a problem document glued to half an export.
 */
public final class ExportController {
  private static final Logger log = LoggerFactory.getLogger(ExportController.class);

  /** An export format: its {@code format} value, content type and file extension. */
  enum Format {
    JSONL("application/x-ndjson", "jsonl"),
    CSV("text/csv; charset=utf-8", "csv"),
    OTLP_JSON("application/json", "otlp.json");

    final String contentType;
    final String extension;

    Format(String contentType, String extension) {
      this.contentType = contentType;
      this.extension = extension;
    }

    String parameter() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Format of(String value) {
      if (value == null) {
        return JSONL;
      }
      for (Format f : values()) {
        if (f.parameter().equals(value)) {
          return f;
        }
      }
      throw new InvalidInputException("format must be one of jsonl, csv, otlp-json; got '" + value + "'");
    }
  }

  private final SpanExportService exports;
  private final SpanController spans;
  private final ObjectMapper json;

  public ExportController(SpanExportService exports, SpanController spans, ObjectMapper json) {
    if (exports == null || spans == null || json == null) {
      throw new NullPointerException("exports, spans and json are required");
    }
    this.exports = exports;
    this.spans = spans;
    this.json = json;
  }

  /** {@code GET /v2/spans/export}: the spans that start in the window and match the filter. */
  public void spans(Context ctx) {
    export(ctx, Selection.SPANS);
  }

  /** {@code GET /v2/traces/export}: every span of the traces that start in the window and have a matching span. */
  public void traces(Context ctx) {
    export(ctx, Selection.TRACES);
  }

  private void export(Context ctx, Selection selection) {
    Format format = Format.of(V2Requests.query(ctx, "format"));
    AccessScope scope = scope(ctx);
    String project = V2Requests.query(ctx, "project_id");
    SpanExportService.Prepared prepared = exports.prepare(scope, project == null ? null
        : ApiIds.decode(ProjectController.TYPE, project), time(ctx, "start_time"), time(ctx, "end_time"),
        ctx.queryParam("filter"), selection); // present but blank is a 400, as in POST /v2/spans

    String file = safeName(prepared.project().name()) + "-" + selection.name().toLowerCase(Locale.ROOT) + "." + format.extension;
    ctx.status(200).contentType(format.contentType).header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    long begin = System.nanoTime();
    long[] written = {0};
    try {
      OutputStream out = ctx.res().getOutputStream();
      SpanExportWriter writer = switch (format) {
        case JSONL -> new JsonlSpanWriter(out, spans, scope, json);
        case CSV -> new CsvSpanWriter(out);
        case OTLP_JSON -> new OtlpJsonSpanWriter(out, json, prepared.project().name());
      };
      writer.begin();
      exports.stream(scope, prepared, span -> {
        try {
          writer.write(span);
          written[0]++;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      writer.finish();
      log.debug("exported {} spans of project {} as {} in {} ms", written[0], prepared.project().id(), format.parameter(),
          (System.nanoTime() - begin) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      abort(ctx, e, written[0]);
    }
  }

  /**
   * Ends a started export without completing it: the connection is aborted (no final chunk), and the handler
   * returns normally so that no problem document is appended to the bytes already sent.
   */
  private static void abort(Context ctx, Exception e, long written) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof IOException) {
      log.info("export to {} cut after {} spans: the client went away ({})", ctx.ip(), written, cause.toString());
    } else {
      log.error("export {} failed after {} spans; the response is cut", ctx.fullUrl(), written, e);
    }
    // Closing the connection is what a client can detect: the chunked body then ends without its last chunk.
    // (Aborting the servlet channel instead leaves Javalin failing on the aborted request afterwards.)
    ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection().getEndPoint().close(cause);
  }

  private static Instant time(Context ctx, String name) {
    String value = V2Requests.query(ctx, name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(name + " must be an ISO-8601 UTC time such as 2026-01-01T00:00:00Z; got '" + value + "'");
    }
  }

  /** The project name as a file-name part: letters, digits, dot, dash and underscore; anything else becomes '_'. */
  static String safeName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() || safe.startsWith(".") ? "project" + safe : safe;
  }
}
