package dev.assay.store;

import static dev.assay.testing.OtlpValues.bytes;
import static dev.assay.testing.OtlpValues.dbl;
import static dev.assay.testing.OtlpValues.kv;
import static dev.assay.testing.OtlpValues.num;
import static dev.assay.testing.OtlpValues.str;
import static dev.assay.testing.OtlpValues.strings;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.eval.Evaluation.AnnotatorKind;
import dev.assay.eval.Evaluation.TargetKind;
import dev.assay.query.FilterParser;
import dev.assay.traces.OtlpSpanMapper;
import dev.assay.traces.Span;
import dev.assay.traces.SpanPreview;
import dev.assay.traces.SpanQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The span model of migration V002 through the real ingest path (OTLP span → mapper → batching writer →
 * store): the new typed columns, previews of long values, and inline feedback stored as evaluation results
 * on the right targets in the span's transaction.
 */
public abstract class SpanModelContract extends StoreContract {
  private static final AccessScope ALL = AccessScope.unrestricted();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START_NANOS = 1_767_225_600_000_000_000L;

  private final String project = "p-" + UUID.randomUUID();
  private BatchingWriter<Span> writer;

  private BatchingWriter<Span> writer() {
    if (writer == null) {
      writer = new BatchingWriter<>("spans", database().jdbi(), new JdbcSpanSink(dialect(), clock), WriterSettings.DEFAULTS, clock);
    }
    return writer;
  }

  @AfterEach
  void closeWriter() {
    if (writer != null) {
      writer.close();
    }
  }

  @Test
  void newColumns_roundTripThroughFindSearchAndListTrace() throws Exception {
    String trace = "0af7651916cd43dd8448eb211c80319c";
    var otlp = otlp(trace, "b7ad6b7169203331")
        .addAttributes(kv("openinference.span.kind", str("LLM")))
        .addAttributes(kv("agent.name", str("planner ✓")))
        .addAttributes(kv("tag.tags", strings("beta", "ü")))
        .addAttributes(kv("metadata", str("{\"tier\":\"gold\",\"n\":3}")))
        .addAttributes(kv("llm.model_name", str("claude-3-5-sonnet-20241022")))
        .addAttributes(kv("llm.token_count.prompt", num(1000)))
        .addAttributes(kv("llm.token_count.completion", num(100)))
        .addAttributes(kv("llm.token_count.prompt_details.cache_read", num(400)))
        .addAttributes(kv("llm.token_count.prompt_details.cache_write", num(100)))
        .addAttributes(kv("llm.token_count.prompt_details.audio", num(3)))
        .addAttributes(kv("llm.token_count.completion_details.reasoning", num(20)))
        .addAttributes(kv("llm.token_count.completion_details.audio", num(2)))
        .build();
    Span written = OtlpSpanMapper.map(project, otlp);
    writer().submit(List.of(written)).get(20, SECONDS);

    Span found = store().spans().find(ALL, project, trace, "b7ad6b7169203331").orElseThrow();
    Span listed = search().getFirst();
    Span inTrace = store().spans().listTrace(ALL, project, trace).getFirst();
    for (Span s : List.of(found, listed, inTrace)) {
      assertEquals("planner ✓", s.agentName());
      assertEquals(JSON.readTree("[\"beta\",\"ü\"]"), JSON.readTree(s.tagsJson()));
      assertEquals(JSON.readTree("{\"tier\":\"gold\",\"n\":3}"), JSON.readTree(s.metadataJson()));
      assertEquals(new Span.TokenDetails(400L, 100L, 3L, 20L, 2L), s.tokenDetails());
      // claude-3-5-sonnet: 500 plain × $3 + 400 cache reads × $0.30 + 100 cache writes × $3.75, 100 out × $15 per million
      assertEquals((500 * 3 + 400 * 0.30 + 100 * 3.75) / 1e6, s.costPrompt(), 1e-12);
      assertEquals(100 * 15 / 1e6, s.costCompletion(), 1e-12);
      assertEquals(s.costPrompt() + s.costCompletion(), s.costTotal(), 1e-12);
      assertNull(s.largeAttributesJson());
      assertEquals(List.of(), s.truncatedKeys());
      assertEquals(List.of(), s.inlineFeedback());
    }

    Span bare = OtlpSpanMapper.map(project, otlp("1111111111111111aaaaaaaaaaaaaaaa", "2222222222222222").build());
    writer().submit(List.of(bare)).get(20, SECONDS);
    Span bareFound = store().spans().find(ALL, project, bare.traceId(), bare.spanId()).orElseThrow();
    assertNull(bareFound.agentName());
    assertNull(bareFound.tagsJson());
    assertNull(bareFound.metadataJson());
    assertEquals(Span.TokenDetails.NONE, bareFound.tokenDetails());
    assertNull(bareFound.costPrompt());
    assertNull(bareFound.costTotal());
  }

  @Test
  void newColumns_areFilterable_byNameAndByTheirAttributeKeys() throws Exception {
    Span agent = OtlpSpanMapper.map(project, otlp("9999999999999999aaaaaaaaaaaaaaaa", "9999999999999991")
        .addAttributes(kv("agent.name", str("planner")))
        .addAttributes(kv("llm.model_name", str("gpt-4o-mini")))
        .addAttributes(kv("llm.token_count.prompt", num(1000)))
        .addAttributes(kv("llm.token_count.completion", num(10)))
        .addAttributes(kv("llm.token_count.prompt_details.cache_read", num(400)))
        .addAttributes(kv("llm.token_count.completion_details.reasoning", num(5)))
        .build());
    Span other = OtlpSpanMapper.map(project, otlp("9999999999999999aaaaaaaaaaaaaaaa", "9999999999999992").build());
    writer().submit(List.of(agent, other)).get(20, SECONDS);

    for (String filter : List.of("agent_name = 'planner'", "attributes.agent.name = 'planner'", "cost_prompt > 0",
        "attributes.llm.cost.completion > 0", "prompt_tokens_cache_read = 400", "completion_tokens_reasoning >= 5",
        "attributes.llm.token_count.prompt_details.cache_read = 400", "cost_completion IS NOT NULL")) {
      List<String> ids = store().spans().search(ALL, new SpanQuery(project, 0, Long.MAX_VALUE, FilterParser.parse(filter), null, 100))
          .items().stream().map(Span::spanId).toList();
      assertEquals(List.of(agent.spanId()), ids, filter);
    }
  }

  @Test
  void previews_listsReadCutValuesAndNameTheKeys_findReadsWholeValues() throws Exception {
    String trace = "3333333333333333aaaaaaaaaaaaaaaa";
    String input = "ü🚀x".repeat(3000); // 9,000 code points, 12,000 chars
    String content = "c".repeat(SpanPreview.MAX_CHARS + 1);
    String output = "o".repeat(SpanPreview.MAX_CHARS - 1);
    Span written = OtlpSpanMapper.map(project, otlp(trace, "4444444444444444")
        .addAttributes(kv("input.value", str(input)))
        .addAttributes(kv("output.value", str(output)))
        .addAttributes(kv("llm.input_messages.0.message.content", str(content)))
        .addAttributes(kv("small", str("s")))
        .build());
    writer().submit(List.of(written)).get(20, SECONDS);

    Span listed = search().getFirst();
    Span inTrace = store().spans().listTrace(ALL, project, trace).getFirst();
    String inputPreview = input.substring(0, input.offsetByCodePoints(0, SpanPreview.MAX_CHARS));
    for (Span s : List.of(listed, inTrace)) {
      assertEquals(List.of("input.value", "llm.input_messages.0.message.content"), s.truncatedKeys());
      assertEquals(inputPreview, s.inputValue());
      assertEquals(output, s.outputValue());
      JsonNode attributes = JSON.readTree(s.attributesJson());
      assertEquals(inputPreview, attributes.get("input.value").asText());
      assertEquals(content.substring(0, SpanPreview.MAX_CHARS), attributes.get("llm.input_messages.0.message.content").asText());
      assertEquals("s", attributes.get("small").asText());
    }

    Span found = store().spans().find(ALL, project, trace, "4444444444444444").orElseThrow();
    assertEquals(List.of(), found.truncatedKeys());
    assertEquals(input, found.inputValue());
    JsonNode whole = JSON.readTree(found.attributesJson());
    assertEquals(input, whole.get("input.value").asText());
    assertEquals(content, whole.get("llm.input_messages.0.message.content").asText());
    assertEquals(output, whole.get("output.value").asText());
    assertEquals("s", whole.get("small").asText());
  }

  @Test
  void inlineFeedback_isStoredOnItsOwnTargets_neverCopiedOntoSpans() throws Exception {
    String trace = "5555555555555555aaaaaaaaaaaaaaaa";
    Span root = OtlpSpanMapper.map(project, otlp(trace, "6666666666666661")
        .addAttributes(kv("session.id", str("sess-1")))
        .addAttributes(kv("annotations.0.annotation.name", str("helpful")))
        .addAttributes(kv("annotations.0.annotation.label", str("yes")))
        .addAttributes(kv("annotations.0.annotation.metadata", str("{\"by\":\"ui\"}")))
        .addAttributes(kv("evaluations.0.evaluation.name", str("hallucination")))
        .addAttributes(kv("evaluations.0.evaluation.score", dbl(0.0)))
        .addAttributes(kv("evaluations.0.evaluation.explanation", str("grounded")))
        .addAttributes(kv("trace.annotations.0.annotation.name", str("resolved")))
        .addAttributes(kv("trace.annotations.0.annotation.label", str("true")))
        .addAttributes(kv("session.evaluations.0.evaluation.name", str("frustration")))
        .addAttributes(kv("session.evaluations.0.evaluation.label", str("calm")))
        .build());
    Span child = OtlpSpanMapper.map(project, otlp(trace, "6666666666666662").setParentSpanId(bytes("6666666666666661")).build());
    writer().submit(List.of(root, child)).get(20, SECONDS);

    List<Evaluation> onRoot = results(TargetKind.SPAN, root.spanId());
    assertEquals(List.of("hallucination", "helpful"), onRoot.stream().map(Evaluation::name).toList());
    Evaluation hallucination = onRoot.get(0);
    assertEquals(List.of(AnnotatorKind.LLM, Evaluation.Source.INLINE, 0.0, "grounded"),
        List.of(hallucination.annotatorKind(), hallucination.source(), hallucination.score(), hallucination.explanation()));
    Evaluation helpful = onRoot.get(1);
    assertEquals(List.of(AnnotatorKind.HUMAN, "yes"), List.of(helpful.annotatorKind(), helpful.label()));
    assertEquals("ui", JSON.readTree(helpful.metadataJson()).get("by").asText());
    assertEquals(List.of(), results(TargetKind.SPAN, child.spanId()));
    assertEquals(List.of("resolved"), results(TargetKind.TRACE, trace).stream().map(Evaluation::name).toList());
    List<Evaluation> onSession = results(TargetKind.SESSION, "sess-1");
    assertEquals(List.of("frustration"), onSession.stream().map(Evaluation::name).toList());
    assertEquals(AnnotatorKind.LLM, onSession.getFirst().annotatorKind());

    // One read for a page: the spans' results and their traces'.
    List<Evaluation> page = store().evaluations().listForTargets(ALL, project,
        Map.of(TargetKind.SPAN, List.of(root.spanId(), child.spanId()), TargetKind.TRACE, List.of(trace)));
    assertEquals(3, page.size());
  }

  @Test
  void inlineFeedback_resendChangesNothing_aLaterSpanReplacesTheTraceResult() throws Exception {
    String trace = "7777777777777777aaaaaaaaaaaaaaaa";
    Span first = OtlpSpanMapper.map(project, otlp(trace, "8888888888888881")
        .addAttributes(kv("annotations.0.annotation.name", str("quality")))
        .addAttributes(kv("annotations.0.annotation.score", num(3)))
        .addAttributes(kv("trace.evaluations.0.evaluation.name", str("qa")))
        .addAttributes(kv("trace.evaluations.0.evaluation.label", str("draft")))
        .build());
    writer().submit(List.of(first)).get(20, SECONDS);
    List<Evaluation> before = new ArrayList<>(results(TargetKind.SPAN, first.spanId()));
    before.addAll(results(TargetKind.TRACE, trace));
    assertEquals(2, before.size());

    clock.advance(Duration.ofMinutes(1));
    writer().submit(List.of(first)).get(20, SECONDS);
    writer().submit(List.of(first, first)).get(20, SECONDS);
    List<Evaluation> after = new ArrayList<>(results(TargetKind.SPAN, first.spanId()));
    after.addAll(results(TargetKind.TRACE, trace));
    assertEquals(before, after);

    Span later = OtlpSpanMapper.map(project, otlp(trace, "8888888888888882")
        .addAttributes(kv("trace.evaluations.0.evaluation.name", str("qa")))
        .addAttributes(kv("trace.evaluations.0.evaluation.label", str("final")))
        .build());
    writer().submit(List.of(later)).get(20, SECONDS);
    List<Evaluation> onTrace = results(TargetKind.TRACE, trace);
    assertEquals(1, onTrace.size());
    assertEquals("final", onTrace.getFirst().label());
    assertEquals(before.get(1).id(), onTrace.getFirst().id());
    assertEquals(before.get(1).createdAt(), onTrace.getFirst().createdAt());
    assertTrue(onTrace.getFirst().updatedAt().isAfter(before.get(1).updatedAt()));
  }

  private List<Evaluation> results(TargetKind kind, String targetId) {
    return store().evaluations().listForTarget(ALL, project, kind, targetId);
  }

  private List<Span> search() {
    return store().spans().search(ALL, new SpanQuery(project, 0, Long.MAX_VALUE, null, null, 100)).items();
  }

  private static io.opentelemetry.proto.trace.v1.Span.Builder otlp(String traceId, String spanId) {
    return io.opentelemetry.proto.trace.v1.Span.newBuilder().setTraceId(bytes(traceId)).setSpanId(bytes(spanId)).setName("step")
        .setStartTimeUnixNano(START_NANOS).setEndTimeUnixNano(START_NANOS + 250_000_000L);
  }
}
