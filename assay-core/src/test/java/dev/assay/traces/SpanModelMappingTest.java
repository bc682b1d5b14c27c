package dev.assay.traces;

import static dev.assay.testing.OtlpValues.bytes;
import static dev.assay.testing.OtlpValues.dbl;
import static dev.assay.testing.OtlpValues.kv;
import static dev.assay.testing.OtlpValues.num;
import static dev.assay.testing.OtlpValues.str;
import static dev.assay.testing.OtlpValues.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.eval.Evaluation;
import dev.assay.eval.Evaluation.AnnotatorKind;
import dev.assay.eval.Evaluation.TargetKind;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The span model fields added by V002: agent, tags, metadata, token details, cost, previews, inline feedback. */
class SpanModelMappingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN = "b7ad6b7169203331";

  @Test
  void agentTagsMetadataAndTokenDetails_areTyped() throws Exception {
    var span = span()
        .addAttributes(kv("agent.name", str("planner")))
        .addAttributes(kv("tag.tags", strings("beta", "rag")))
        .addAttributes(kv("metadata", str("{\"tier\":\"gold\",\"n\":3}")))
        .addAttributes(kv("llm.token_count.prompt_details.cache_read", num(40)))
        .addAttributes(kv("llm.token_count.prompt_details.cache_write", num(10)))
        .addAttributes(kv("llm.token_count.prompt_details.audio", num(3)))
        .addAttributes(kv("llm.token_count.completion_details.reasoning", num(7)))
        .addAttributes(kv("llm.token_count.completion_details.audio", num(2)))
        .build();

    Span s = OtlpSpanMapper.map("p1", span);

    assertEquals("planner", s.agentName());
    assertEquals(List.of("beta", "rag"), JSON.readValue(s.tagsJson(), List.class));
    JsonNode metadata = JSON.readTree(s.metadataJson());
    assertEquals("gold", metadata.get("tier").asText());
    assertEquals(3, metadata.get("n").asInt());
    assertEquals(new Span.TokenDetails(40L, 10L, 3L, 7L, 2L), s.tokenDetails());
  }

  @Test
  void metadata_fromAKeyValueListOrFlattenedKeys_becomesAnObject_andAbsentFieldsStayNull() throws Exception {
    var kvlist = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
        .addValues(kv("user_tier", str("pro"))).addValues(kv("region", str("eu")))).build();
    Span s = OtlpSpanMapper.map("p1", span().addAttributes(kv("metadata", kvlist)).addAttributes(kv("tag.tags", str("solo"))).build());

    assertEquals("{\"user_tier\":\"pro\",\"region\":\"eu\"}", s.metadataJson());
    assertEquals("[\"solo\"]", s.tagsJson());

    Span plain = OtlpSpanMapper.map("p1", span().build());
    assertNull(plain.agentName());
    assertNull(plain.tagsJson());
    assertNull(plain.metadataJson());
    assertEquals(Span.TokenDetails.NONE, plain.tokenDetails());
    assertNull(plain.costTotal());
  }

  @Test
  void genAi_fillsAgentAndTokenDetails_butOpenInferenceWins() {
    Span genAi = OtlpSpanMapper.map("p1", span()
        .addAttributes(kv("gen_ai.agent.name", str("ga-agent")))
        .addAttributes(kv("gen_ai.usage.cache_read.input_tokens", num(11)))
        .addAttributes(kv("gen_ai.usage.cache_creation_input_tokens", num(12)))
        .addAttributes(kv("gen_ai.usage.reasoning_tokens", num(13)))
        .build());
    assertEquals("ga-agent", genAi.agentName());
    assertEquals(new Span.TokenDetails(11L, 12L, null, 13L, null), genAi.tokenDetails());

    Span both = OtlpSpanMapper.map("p1", span()
        .addAttributes(kv("agent.name", str("oi-agent")))
        .addAttributes(kv("gen_ai.agent.name", str("ga-agent")))
        .addAttributes(kv("llm.token_count.prompt_details.cache_read", num(1)))
        .addAttributes(kv("gen_ai.usage.cache_read.input_tokens", num(99)))
        .build());
    assertEquals("oi-agent", both.agentName());
    assertEquals(1L, both.tokenDetails().promptCacheRead());
  }

  @Test
  void cost_fromLlmCostAttributes_totalIsTheSumWhenMissing_andTheyBeatThePriceTable() {
    Span s = OtlpSpanMapper.map("p1", span()
        .addAttributes(kv("llm.model_name", str("gpt-4o")))
        .addAttributes(kv("llm.token_count.prompt", num(1_000_000)))
        .addAttributes(kv("llm.token_count.completion", num(1_000_000)))
        .addAttributes(kv("llm.cost.prompt", dbl(0.5)))
        .addAttributes(kv("llm.cost.completion", dbl(0.25)))
        .build());

    assertEquals(0.5, s.costPrompt());
    assertEquals(0.25, s.costCompletion());
    assertEquals(0.75, s.costTotal());
  }

  @Test
  void cost_withoutLlmCost_comesFromThePriceTable_forADatedModelName() {
    Span s = OtlpSpanMapper.map("p1", span()
        .addAttributes(kv("llm.model_name", str("gpt-4o-2024-08-06")))
        .addAttributes(kv("llm.provider", str("openai")))
        .addAttributes(kv("llm.token_count.prompt", num(2_000)))
        .addAttributes(kv("llm.token_count.completion", num(500)))
        .build());

    // gpt-4o list price: $2.50 in / $10 out per million tokens
    assertEquals(0.005, s.costPrompt(), 1e-12);
    assertEquals(0.005, s.costCompletion(), 1e-12);
    assertEquals(0.010, s.costTotal(), 1e-12);
  }

  @Test
  void cost_ofAnUnknownModel_staysNull() {
    Span s = OtlpSpanMapper.map("p1", span()
        .addAttributes(kv("llm.model_name", str("acme-llm-7")))
        .addAttributes(kv("llm.token_count.prompt", num(2_000)))
        .addAttributes(kv("llm.token_count.completion", num(500)))
        .build());

    assertNull(s.costPrompt());
    assertNull(s.costCompletion());
    assertNull(s.costTotal());
  }

  @Test
  void longStringAttributes_areCutInAttributes_wholeInLargeAttributes_inputColumnStaysWhole() throws Exception {
    String big = "é".repeat(SpanPreview.MAX_CHARS + 100);
    String small = "x".repeat(SpanPreview.MAX_CHARS);
    Span s = OtlpSpanMapper.map("p1", span()
        .addAttributes(kv("input.value", str(big)))
        .addAttributes(kv("llm.output_messages.0.message.content", str(big + "!")))
        .addAttributes(kv("exactly.max", str(small)))
        .build());

    assertEquals(big, s.inputValue());
    JsonNode attributes = JSON.readTree(s.attributesJson());
    assertEquals(big.substring(0, SpanPreview.MAX_CHARS), attributes.get("input.value").asText());
    assertEquals(SpanPreview.MAX_CHARS, attributes.get("llm.output_messages.0.message.content").asText().length());
    assertEquals(small, attributes.get("exactly.max").asText());
    JsonNode large = JSON.readTree(s.largeAttributesJson());
    assertEquals(1, large.size(), "input.value is whole in its own column, not stored twice: " + large);
    assertEquals(big + "!", large.get("llm.output_messages.0.message.content").asText());
    assertEquals(List.of("input.value", "llm.output_messages.0.message.content"), s.truncatedKeys());

    assertNull(OtlpSpanMapper.map("p1", span().addAttributes(kv("input.value", str(small))).build()).largeAttributesJson());
  }

  @Test
  void previewCut_neverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00".repeat(SpanPreview.MAX_CHARS + 1); // code points, two chars each
    String cut = SpanPreview.cut(emoji);
    assertEquals(SpanPreview.MAX_CHARS, cut.codePointCount(0, cut.length()));
    assertEquals(2 * SpanPreview.MAX_CHARS, cut.length());
    assertTrue(SpanPreview.isAtPreviewLength(cut));
  }

  @Test
  void inlineFeedback_onSpanTraceAndSession_withDefaultsAndCustomKinds() throws Exception {
    List<String> notes = new ArrayList<>();
    Span s = OtlpSpanMapper.map("p1", span()
        .addAttributes(kv("session.id", str("sess-1")))
        .addAttributes(kv("annotations.0.annotation.name", str("helpful")))
        .addAttributes(kv("annotations.0.annotation.label", str("yes")))
        .addAttributes(kv("annotations.0.annotation.score", dbl(1.0)))
        .addAttributes(kv("annotations.0.annotation.identifier", str("rater-7")))
        .addAttributes(kv("annotations.0.annotation.metadata", str("{\"source\":\"ui\"}")))
        .addAttributes(kv("evaluations.0.evaluation.name", str("hallucination")))
        .addAttributes(kv("evaluations.0.evaluation.label", str("factual")))
        .addAttributes(kv("evaluations.0.evaluation.explanation", str("grounded")))
        .addAttributes(kv("evaluations.1.evaluation.name", str("regex")))
        .addAttributes(kv("evaluations.1.evaluation.score", str("0.5")))
        .addAttributes(kv("evaluations.1.evaluation.annotator_kind", str("heuristic")))
        .addAttributes(kv("trace.annotations.0.annotation.name", str("resolved")))
        .addAttributes(kv("trace.annotations.0.annotation.label", str("true")))
        .addAttributes(kv("trace.evaluations.0.evaluation.name", str("qa")))
        .addAttributes(kv("trace.evaluations.0.evaluation.score", num(1)))
        .addAttributes(kv("trace.evaluations.0.evaluation.annotator_kind", str("CODE")))
        .addAttributes(kv("session.annotations.0.annotation.name", str("csat")))
        .addAttributes(kv("session.annotations.0.annotation.score", num(4)))
        .addAttributes(kv("session.evaluations.0.evaluation.name", str("frustration")))
        .addAttributes(kv("session.evaluations.0.evaluation.label", str("calm")))
        .build(), notes);

    assertEquals(List.of(), notes);
    List<Evaluation> f = s.inlineFeedback();
    assertEquals(7, f.size());
    Evaluation helpful = f.get(0);
    assertEquals(List.of(TargetKind.SPAN, SPAN, "helpful", "rater-7", "yes", 1.0, AnnotatorKind.HUMAN, Evaluation.Source.INLINE),
        List.of(helpful.targetKind(), helpful.targetId(), helpful.name(), helpful.identifier(), helpful.label(), helpful.score(),
            helpful.annotatorKind(), helpful.source()));
    assertEquals("ui", JSON.readTree(helpful.metadataJson()).get("source").asText());
    Evaluation hallucination = f.get(1);
    assertEquals(List.of(TargetKind.SPAN, "factual", "grounded", AnnotatorKind.LLM, ""),
        List.of(hallucination.targetKind(), hallucination.label(), hallucination.explanation(), hallucination.annotatorKind(),
            hallucination.identifier()));
    Evaluation regex = f.get(2);
    assertEquals(AnnotatorKind.CODE, regex.annotatorKind());
    assertEquals(0.5, regex.score());
    assertEquals("heuristic", JSON.readTree(regex.metadataJson()).get("annotator_kind").asText());
    assertEquals(List.of(TargetKind.TRACE, TRACE, AnnotatorKind.HUMAN), List.of(f.get(3).targetKind(), f.get(3).targetId(), f.get(3).annotatorKind()));
    assertEquals(List.of(TargetKind.TRACE, AnnotatorKind.CODE), List.of(f.get(4).targetKind(), f.get(4).annotatorKind()));
    assertEquals(List.of(TargetKind.SESSION, "sess-1", "csat", AnnotatorKind.HUMAN),
        List.of(f.get(5).targetKind(), f.get(5).targetId(), f.get(5).name(), f.get(5).annotatorKind()));
    assertEquals(List.of(TargetKind.SESSION, "frustration", AnnotatorKind.LLM),
        List.of(f.get(6).targetKind(), f.get(6).name(), f.get(6).annotatorKind()));
  }

  @Test
  void inlineFeedback_incompleteEntriesAndSessionFeedbackWithoutSession_areSkippedWithNotes_spanStillMapped() {
    List<String> notes = new ArrayList<>();
    Span s = OtlpSpanMapper.map("p1", span()
        .addAttributes(kv("annotations.0.annotation.name", str("no-outcome")))
        .addAttributes(kv("annotations.1.annotation.label", str("no-name")))
        .addAttributes(kv("session.evaluations.0.evaluation.name", str("orphan")))
        .addAttributes(kv("session.evaluations.0.evaluation.label", str("x")))
        .addAttributes(kv("evaluations.0.annotation.name", str("mismatched family is not feedback")))
        .build(), notes);

    assertEquals(List.of(), s.inlineFeedback());
    assertEquals(3, notes.size(), notes.toString());
    assertTrue(notes.get(2).contains("session.evaluations.0") && notes.get(2).contains("no session.id"), notes.get(2));
    assertTrue(s.attributesJson().contains("no-outcome"), "feedback keys stay in the attributes");
  }

  private static io.opentelemetry.proto.trace.v1.Span.Builder span() {
    return io.opentelemetry.proto.trace.v1.Span.newBuilder()
        .setTraceId(bytes(TRACE)).setSpanId(bytes(SPAN))
        .setName("step").setStartTimeUnixNano(1_700_000_000_000_000_000L).setEndTimeUnixNano(1_700_000_000_250_000_000L);
  }
}
