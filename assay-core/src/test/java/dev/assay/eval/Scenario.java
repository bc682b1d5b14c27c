package dev.assay.eval;

import dev.assay.eval.StoredSpans.OtlpSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * The traces evaluator tests run on, shaped like {@code examples/traces-demo}'s: a two-turn RAG session
 * (CHAIN → RETRIEVER → LLM), a support agent's run (AGENT → LLM with tools offered and a tool call → TOOL → LLM →
 * TOOL that times out → LLM), and one judge call Assay made itself (marked {@code assay.evaluator}).
 */
final class Scenario {
  static final String PROJECT = "eval-scenario";
  static final String SESSION = "sess-harbor-1";
  static final String RAG1 = "0af7651916cd43dd8448eb211c80319c";
  static final String RAG2 = "1af7651916cd43dd8448eb211c80319c";
  static final String AGENT = "2af7651916cd43dd8448eb211c80319c";
  static final String JUDGE = "3af7651916cd43dd8448eb211c80319c";
  static final String RAG1_ROOT = "00f067aa0ba90201";
  static final String RAG1_RETRIEVER = "00f067aa0ba90202";
  static final String RAG1_LLM = "00f067aa0ba90203";
  static final String AGENT_ROOT = "00f067aa0ba90301";
  static final String AGENT_LLM1 = "00f067aa0ba90302";
  static final String AGENT_TOOL1 = "00f067aa0ba90303";
  static final String AGENT_TOOL2 = "00f067aa0ba90305";
  static final String JUDGE_SPAN = "00f067aa0ba90401";

  static final String QUESTION = "How do I restore a backup to a point in time?";
  static final String ANSWER = "Open the cluster, choose Backups, then Restore to point in time, and pick a time "
      + "within your retention window.";
  static final String REFERENCE = "Choose Backups in the cluster, then Restore to point in time and pick a time in "
      + "the retention window.";
  static final String DOC1 = "Point-in-time restore: open the cluster, choose Backups, then Restore to point in time.";
  static final String DOC2 = "Backup retention is 7 days on Starter and 30 days on Pro.";
  static final String FOLLOW_UP = "Can I do that from the command line?";
  static final String FOLLOW_UP_ANSWER = "Yes: harbor backups restore --cluster <id> --time <timestamp>.";
  static final String ORDER_REQUEST = "Where is my order A-1001?";
  static final String AGENT_REPLY = "I found order A-1001, but the carrier is not answering right now.";
  static final String LOOKUP_ARGS = "{\"order_id\":\"A-1001\"}";
  static final String ORDER_JSON = "{\"order_id\":\"A-1001\",\"carrier\":\"DHL\",\"tracking_number\":\"JD0001\"}";
  static final String TRACK_ARGS = "{\"carrier\":\"DHL\",\"tracking_number\":\"JD0001\"}";
  static final String LOOKUP_SCHEMA = "{\"type\":\"function\",\"function\":{\"name\":\"lookup_order\",\"description\":"
      + "\"Find an order by its id.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}},"
      + "\"required\":[\"order_id\"]}}}";
  static final String TRACK_SCHEMA = "{\"type\":\"function\",\"function\":{\"name\":\"track_shipment\",\"description\":"
      + "\"Parcel status from the carrier.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"carrier\":{\"type\":"
      + "\"string\"},\"tracking_number\":{\"type\":\"string\"}}}}}";

  private Scenario() {}

  /** Every span of the scenario, starting {@code minutesAgo} minutes before now. */
  static List<OtlpSpan> spans(long nowMicros) {
    long t = nowMicros - 60 * 60_000_000L;
    List<OtlpSpan> out = new ArrayList<>();
    out.addAll(rag(RAG1, "00f067aa0ba902", QUESTION, ANSWER, t, true));
    out.addAll(rag(RAG2, "00f067aa0ba912", FOLLOW_UP, FOLLOW_UP_ANSWER, t + 60_000_000L, false));
    out.addAll(agent(t + 120_000_000L));
    out.add(OtlpSpan.of(JUDGE, JUDGE_SPAN, null, "judge qa_correctness", "LLM", t + 180_000_000L, t + 181_000_000L)
        .attr("assay.evaluator", "qa_correctness").attr("input.value", "Is the answer correct?")
        .attr("output.value", "correct"));
    return out;
  }

  private static List<OtlpSpan> rag(String trace, String idPrefix, String question, String answer, long t,
      boolean first) {
    OtlpSpan root = OtlpSpan.of(trace, idPrefix + "01", null, "rag.answer", "CHAIN", t, t + 2_000_000)
        .attr("session.id", SESSION).attr("user.id", "u-7")
        .attr("input.value", question).attr("output.value", answer)
        .attr("metadata", "{\"app\":\"harbor-help\",\"turn\":" + (first ? 0 : 1) + ",\"nested\":{\"channel\":\"web\"}}");
    if (first) {
      root.attr("reference", REFERENCE);
    }
    OtlpSpan retriever = OtlpSpan.of(trace, idPrefix + "02", idPrefix + "01", "retrieve", "RETRIEVER", t + 1_000,
        t + 100_000).attr("session.id", SESSION).attr("input.value", question)
        .attr("retrieval.documents.0.document.id", "kb-12").attr("retrieval.documents.0.document.content", DOC1)
        .attr("retrieval.documents.0.document.score", 0.91)
        .attr("retrieval.documents.0.document.metadata", "{\"title\":\"Restore\"}")
        .attr("retrieval.documents.1.document.id", "kb-3").attr("retrieval.documents.1.document.content", DOC2)
        .attr("retrieval.documents.1.document.score", 0.72);
    OtlpSpan llm = OtlpSpan.of(trace, idPrefix + "03", idPrefix + "01", "ChatCompletion", "LLM", t + 101_000,
        t + 1_900_000).attr("session.id", SESSION)
        .attr("llm.model_name", "gpt-4o-mini").attr("llm.provider", "openai")
        .attr("llm.input_messages.0.message.role", "system")
        .attr("llm.input_messages.0.message.content", "Answer only from the context.")
        .attr("llm.input_messages.1.message.role", "user").attr("llm.input_messages.1.message.content", question)
        .attr("llm.output_messages.0.message.role", "assistant")
        .attr("llm.output_messages.0.message.content", answer)
        .attr("input.value", "{\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}],\"temperature\":0.2}")
        .attr("input.mime_type", "application/json")
        .attr("output.value", answer)
        .attr("llm.token_count.prompt", 120L).attr("llm.token_count.completion", 30L)
        .attr("llm.token_count.total", 150L).attr("llm.cost.total", 0.0004);
    return List.of(root, retriever, llm);
  }

  private static List<OtlpSpan> agent(long t) {
    List<OtlpSpan> out = new ArrayList<>();
    out.add(OtlpSpan.of(AGENT, AGENT_ROOT, null, "support-agent.run", "AGENT", t, t + 12_000_000)
        .attr("agent.name", "support-agent").attr("input.value", ORDER_REQUEST).attr("output.value", AGENT_REPLY)
        .attr("metadata", "{\"app\":\"shop-support\",\"max_steps\":6}"));
    out.add(toolCallingLlm(AGENT_LLM1, t + 1_000, "call_1", "lookup_order", LOOKUP_ARGS));
    out.add(OtlpSpan.of(AGENT, AGENT_TOOL1, AGENT_ROOT, "lookup_order", "TOOL", t + 500_000, t + 700_000)
        .attr("tool.name", "lookup_order").attr("tool.description", "Find an order by its id.")
        .attr("tool.parameters", LOOKUP_SCHEMA).attr("input.value", LOOKUP_ARGS).attr("output.value", ORDER_JSON));
    out.add(toolCallingLlm("00f067aa0ba90304", t + 800_000, "call_2", "track_shipment", TRACK_ARGS));
    out.add(OtlpSpan.of(AGENT, AGENT_TOOL2, AGENT_ROOT, "track_shipment", "TOOL", t + 1_300_000, t + 11_300_000)
        .attr("tool.name", "track_shipment").attr("input.value", TRACK_ARGS)
        .error("Carrier API DHL did not answer within 10 s"));
    out.add(OtlpSpan.of(AGENT, "00f067aa0ba90306", AGENT_ROOT, "ChatCompletion", "LLM", t + 11_400_000, t + 11_900_000)
        .attr("llm.model_name", "gpt-4o").attr("llm.input_messages.0.message.role", "user")
        .attr("llm.input_messages.0.message.content", ORDER_REQUEST)
        .attr("llm.output_messages.0.message.role", "assistant")
        .attr("llm.output_messages.0.message.content", AGENT_REPLY).attr("output.value", AGENT_REPLY)
        .attr("llm.token_count.prompt", 200L).attr("llm.token_count.completion", 40L)
        .attr("llm.token_count.total", 240L));
    return out;
  }

  private static OtlpSpan toolCallingLlm(String spanId, long t, String callId, String function, String args) {
    return OtlpSpan.of(AGENT, spanId, AGENT_ROOT, "ChatCompletion", "LLM", t, t + 400_000)
        .attr("llm.model_name", "gpt-4o").attr("llm.input_messages.0.message.role", "user")
        .attr("llm.input_messages.0.message.content", ORDER_REQUEST)
        .attr("llm.tools.0.tool.json_schema", LOOKUP_SCHEMA).attr("llm.tools.1.tool.json_schema", TRACK_SCHEMA)
        .attr("llm.output_messages.0.message.role", "assistant")
        .attr("llm.output_messages.0.message.tool_calls.0.tool_call.id", callId)
        .attr("llm.output_messages.0.message.tool_calls.0.tool_call.function.name", function)
        .attr("llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments", args)
        .attr("llm.token_count.prompt", 100L).attr("llm.token_count.completion", 20L)
        .attr("llm.token_count.total", 120L);
  }
}
