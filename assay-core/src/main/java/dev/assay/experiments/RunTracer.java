package dev.assay.experiments;

import com.google.protobuf.ByteString;
import dev.assay.eval.SubjectBuilder;
import dev.assay.traces.OtlpSpanMapper;
import dev.assay.traces.Span;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Status;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the trace of one experiment run: a root CHAIN span {@code experiment.task} and, for prompt tasks, a child LLM
 * span, with OpenInference attributes. Both carry {@value #RUN_ID} and the evaluator marker
 * ({@link SubjectBuilder#EVALUATOR_MARKER}), so evaluation tasks on the experiment's project never evaluate them.
 * The spans go through {@link OtlpSpanMapper} like ingested ones (previews, cost from the price table).
 */
final class RunTracer {
  static final String RUN_ID = "assay.experiment.run_id";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private RunTracer() {}

  /** The LLM call of a prompt task, for its span. */
  record LlmCall(String modelName, String inputMessagesJson, List<Map<String, String>> inputMessages, String output,
      Long promptTokens, Long completionTokens, Instant start, Instant end) {}

  /** The trace's spans, root first; the trace id is {@code spans.getFirst().traceId()}. */
  static List<Span> trace(String projectId, Experiment e, String runId, String exampleId, int repetition,
      String input, String output, String error, Instant start, Instant end, LlmCall llm) {
    byte[] traceId = random(16);
    byte[] rootId = random(8);
    Map<String, String> common = new LinkedHashMap<>();
    common.put(RUN_ID, runId);
    common.put("assay.experiment.id", e.id());
    common.put("assay.experiment.name", e.name());
    common.put("assay.example.id", exampleId);
    common.put(SubjectBuilder.EVALUATOR_MARKER, "experiment:" + e.name());
    List<KeyValue> attrs = new ArrayList<>();
    common.forEach((k, v) -> attrs.add(str(k, v)));
    attrs.add(str(OtlpSpanMapper.SPAN_KIND, "CHAIN"));
    attrs.add(KeyValue.newBuilder().setKey("assay.experiment.repetition")
        .setValue(AnyValue.newBuilder().setIntValue(repetition)).build());
    attrs.add(str("input.value", input));
    attrs.add(str("input.mime_type", "application/json"));
    if (output != null) {
      attrs.add(str("output.value", output));
    }
    List<Span> out = new ArrayList<>(2);
    out.add(OtlpSpanMapper.map(projectId, span(traceId, rootId, null, "experiment.task", attrs, start, end, error)));
    if (llm != null) {
      List<KeyValue> l = new ArrayList<>();
      common.forEach((k, v) -> l.add(str(k, v)));
      l.add(str(OtlpSpanMapper.SPAN_KIND, "LLM"));
      if (llm.modelName() != null) {
        l.add(str("llm.model_name", llm.modelName()));
      }
      l.add(str("input.value", llm.inputMessagesJson()));
      l.add(str("input.mime_type", "application/json"));
      if (llm.output() != null) {
        l.add(str("output.value", llm.output()));
        l.add(str("llm.output_messages.0.message.role", "assistant"));
        l.add(str("llm.output_messages.0.message.content", llm.output()));
      }
      for (int i = 0; i < llm.inputMessages().size(); i++) {
        Map<String, String> m = llm.inputMessages().get(i);
        l.add(str("llm.input_messages." + i + ".message.role", m.get("role")));
        if (m.get("content") != null) {
          l.add(str("llm.input_messages." + i + ".message.content", m.get("content")));
        }
      }
      if (llm.promptTokens() != null) {
        l.add(num("llm.token_count.prompt", llm.promptTokens()));
      }
      if (llm.completionTokens() != null) {
        l.add(num("llm.token_count.completion", llm.completionTokens()));
      }
      if (llm.promptTokens() != null && llm.completionTokens() != null) {
        l.add(num("llm.token_count.total", llm.promptTokens() + llm.completionTokens()));
      }
      out.add(OtlpSpanMapper.map(projectId, span(traceId, random(8), rootId, "llm", l, llm.start(), llm.end(),
          llm.output() == null ? error : null)));
    }
    return out;
  }

  private static io.opentelemetry.proto.trace.v1.Span span(byte[] traceId, byte[] spanId, byte[] parentId,
      String name, List<KeyValue> attrs, Instant start, Instant end, String error) {
    var b = io.opentelemetry.proto.trace.v1.Span.newBuilder()
        .setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId)).setName(name)
        .setStartTimeUnixNano(nanos(start)).setEndTimeUnixNano(Math.max(nanos(start), nanos(end)))
        .addAllAttributes(attrs)
        .setStatus(error == null ? Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK).build()
            : Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage(error).build());
    if (parentId != null) {
      b.setParentSpanId(ByteString.copyFrom(parentId));
    }
    return b.build();
  }

  private static KeyValue str(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value == null ? "" : value))
        .build();
  }

  private static KeyValue num(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    do {
      RANDOM.nextBytes(b);
    } while (allZero(b));
    return b;
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }
}
