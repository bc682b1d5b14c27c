package dev.assay.examples.tracesdemo;

import static dev.assay.examples.tracesdemo.OpenInference.*;
import static java.util.concurrent.TimeUnit.MICROSECONDS;

import dev.assay.examples.tracesdemo.Corpus.Document;
import dev.assay.examples.tracesdemo.Corpus.Order;
import dev.assay.examples.tracesdemo.Corpus.Question;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Emits the demo's traces through a {@link Tracer}: multi-turn sessions of RAG answers (CHAIN → RETRIEVER →
 * LLM) and support-agent runs (AGENT → LLM with a tool call → TOOL → LLM → TOOL → LLM), with every few traces
 * failing (an LLM rate limit, a carrier timeout in a tool). Everything but the wall-clock times follows from
 * the seed; ids too when the tracer provider uses {@link SeededIdGenerator} with the same seed.
 */
public final class DemoTraces {
  /** What one emitted trace was, for callers that check what arrived. */
  public record Emitted(String traceId, String scenario, String sessionId, String userId, int spanCount, boolean error) {}

  /** Every {@code ERROR_EVERY}-th trace fails, so any run of that many traces shows an error. */
  static final int ERROR_EVERY = 7;
  private static final List<String[]> MODELS = List.of(
      new String[] {"gpt-4o-mini", "openai", "openai"},
      new String[] {"gpt-4o", "openai", "openai"},
      new String[] {"claude-3-5-sonnet-20241022", "anthropic", "anthropic"});

  private final Tracer tracer;
  private final Random random;
  private final List<Emitted> emitted = new ArrayList<>();
  private long clock;

  private DemoTraces(Tracer tracer, long seed, Instant end, int traces) {
    this.tracer = tracer;
    this.random = new Random(seed);
    // Spread the traces over the minutes before `end`, ~40 s apart, so they sit in any default time window.
    this.clock = end.toEpochMilli() * 1000 - traces * 45_000_000L;
  }

  /** Emits {@code traces} traces ending before {@code end}; returns them in emission order. */
  public static List<Emitted> emit(Tracer tracer, long seed, int traces, Instant end) {
    DemoTraces demo = new DemoTraces(tracer, seed, end, traces);
    while (demo.emitted.size() < traces) {
      demo.session(traces - demo.emitted.size());
    }
    return List.copyOf(demo.emitted);
  }

  private void session(int left) {
    String sessionId = "sess-" + HexFormat.of().toHexDigits(random.nextLong()).substring(0, 12);
    String userId = pick(Corpus.USERS);
    if (random.nextInt(10) < 6) {
      int turns = Math.min(left, 1 + random.nextInt(3));
      Question question = pick(Corpus.QUESTIONS);
      List<String> history = new ArrayList<>();
      for (int turn = 0; turn < turns; turn++) {
        String asked = turn == 0 ? question.text() : Corpus.FOLLOW_UPS.get((turn - 1 + random.nextInt(2)) % Corpus.FOLLOW_UPS.size());
        rag(sessionId, userId, question, asked, history, turn);
      }
    } else {
      agent(sessionId, userId, pick(Corpus.ORDERS));
    }
  }

  private boolean nextFails() {
    return (emitted.size() + 1) % ERROR_EVERY == 0;
  }

  // --- RAG -------------------------------------------------------------------------------------------------

  private void rag(String sessionId, String userId, Question question, String asked, List<String> history, int turn) {
    boolean fails = nextFails();
    String[] model = pick(MODELS);
    long t0 = tick(2_000_000);
    Span root = start("rag.answer", Context.root(), t0, "CHAIN");
    common(root, sessionId, userId);
    root.setAttribute(INPUT_VALUE, asked);
    root.setAttribute(INPUT_MIME_TYPE, TEXT);
    root.setAttribute(METADATA, Json.object("app", "harbor-help", "channel", pick(List.of("web", "slack", "email")),
        "turn", turn, "retriever_top_k", 4));
    root.setAttribute(AttributeKey.stringArrayKey(TAGS), List.of("rag", "help-centre", turn == 0 ? "first-turn" : "follow-up"));
    Context inRoot = Context.root().with(root);

    long t = t0 + 1_000 + random.nextInt(3_000);
    List<Document> documents = retrieved(question);
    Span retriever = start("retrieve", inRoot, t, "RETRIEVER");
    common(retriever, sessionId, userId);
    retriever.setAttribute(INPUT_VALUE, asked);
    retriever.setAttribute(INPUT_MIME_TYPE, TEXT);
    double score = 0.86 + random.nextInt(10) / 100.0;
    for (int i = 0; i < documents.size(); i++) {
      Document d = documents.get(i);
      retriever.setAttribute(document(i, "id"), d.id());
      retriever.setAttribute(document(i, "content"), d.content());
      retriever.setAttribute(AttributeKey.doubleKey(document(i, "score")), Math.round(score * 1000) / 1000.0);
      retriever.setAttribute(document(i, "metadata"), Json.object("title", d.title(), "source", "help-centre"));
      score -= 0.04 + random.nextInt(8) / 100.0;
    }
    t += 40_000 + random.nextInt(120_000);
    retriever.end(t, MICROSECONDS);

    String answer = turn == 0 ? question.answer() : followUpAnswer(question, asked);
    String system = "You are Harbor DB's help assistant. Answer only from the context below; say so when it does not "
        + "cover the question.\n\nContext:\n" + String.join("\n\n", documents.stream().map(d -> "[" + d.id() + "] " + d.content()).toList());
    List<String[]> messages = new ArrayList<>();
    messages.add(new String[] {"system", system});
    for (int i = 0; i + 1 < history.size(); i += 2) {
      messages.add(new String[] {"user", history.get(i)});
      messages.add(new String[] {"assistant", history.get(i + 1)});
    }
    messages.add(new String[] {"user", asked});
    long llmStart = t + 500;
    Span llm = start(model[1].equals("anthropic") ? "Messages" : "ChatCompletion", inRoot, llmStart, "LLM");
    common(llm, sessionId, userId);
    llmRequest(llm, model, messages, 0.2);
    t = llmStart + 600_000 + random.nextInt(2_400_000);
    if (fails) {
      String message = "Rate limit reached for " + model[0] + " on tokens per min (TPM): Limit 30000, Used 29811, Requested 1420. "
          + "Please try again in 2.462s.";
      fail(llm, model[1].equals("anthropic") ? "anthropic.RateLimitError" : "openai.RateLimitError", message, t);
      fail(root, "openai.RateLimitError", message, t + 800);
      record(root, sessionId, userId, "rag", 3, true);
      return;
    }
    llmResponse(llm, messages, answer, null, t);
    root.setAttribute(OUTPUT_VALUE, answer);
    root.setAttribute(OUTPUT_MIME_TYPE, TEXT);
    root.setStatus(StatusCode.OK);
    root.end(t + 900, MICROSECONDS);
    history.add(asked);
    history.add(answer);
    record(root, sessionId, userId, "rag", 3, false);
  }

  /** The question's documents, best first, plus one plausible but unrelated one, as a real retriever returns. */
  private List<Document> retrieved(Question question) {
    List<Document> out = new ArrayList<>(question.documentIds().stream().map(Corpus::document).toList());
    Document extra;
    do {
      extra = pick(Corpus.DOCUMENTS);
    } while (out.contains(extra));
    out.add(extra);
    return out;
  }

  private static String followUpAnswer(Question question, String asked) {
    if (asked.startsWith("Can you say that in two sentences")) {
      String[] sentences = question.answer().split("(?<=\\.) ");
      return String.join(" ", List.of(sentences).subList(0, Math.min(2, sentences.length)));
    }
    if (asked.contains("command line")) {
      return "Use the harbor CLI: `harbor clusters list` to find the cluster id, then the matching subcommand, e.g. "
          + "`harbor backups restore --cluster <id> --time 2026-11-26T15:00:00Z`. Every console action has a CLI equivalent.";
    }
    if (asked.contains("Starter plan")) {
      return "Mostly, yes. The behaviour is the same on every plan; only the limits differ, and the Starter plan has the "
          + "lowest ones (for example 7 days of backup retention instead of 30).";
    }
    return "Check that your clients retry failed queries and that you have a recent backup; then go ahead. " + question.answer();
  }

  // --- Agent -----------------------------------------------------------------------------------------------

  private static final String LOOKUP_SCHEMA = Json.object("type", "function", "function", new Json.Raw(Json.object(
      "name", "lookup_order", "description", "Find an order by its id: item, carrier, tracking number.",
      "parameters", new Json.Raw(Json.object("type", "object", "properties",
          new Json.Raw(Json.object("order_id", new Json.Raw(Json.object("type", "string")))), "required", List.of("order_id"))))));
  private static final String TRACK_SCHEMA = Json.object("type", "function", "function", new Json.Raw(Json.object(
      "name", "track_shipment", "description", "Current status and ETA of a parcel from the carrier's API.",
      "parameters", new Json.Raw(Json.object("type", "object", "properties", new Json.Raw(Json.object(
          "carrier", new Json.Raw(Json.object("type", "string")), "tracking_number", new Json.Raw(Json.object("type", "string")))),
          "required", List.of("carrier", "tracking_number"))))));

  private void agent(String sessionId, String userId, Order order) {
    boolean fails = nextFails();
    String[] model = MODELS.get(random.nextInt(2)); // the agent runs on OpenAI models with function calling
    long t0 = tick(3_000_000);
    Span root = start("support-agent.run", Context.root(), t0, "AGENT");
    common(root, sessionId, userId);
    root.setAttribute(AGENT_NAME, "support-agent");
    root.setAttribute(INPUT_VALUE, order.request());
    root.setAttribute(INPUT_MIME_TYPE, TEXT);
    root.setAttribute(METADATA, Json.object("app", "shop-support", "agent_version", "2.3.1", "max_steps", 6));
    root.setAttribute(AttributeKey.stringArrayKey(TAGS), List.of("agent", "orders"));
    Context inRoot = Context.root().with(root);

    String system = "You are the support agent of an online electronics shop. Use the tools to look orders up; never "
        + "guess a delivery date. Be brief and friendly.";
    List<String[]> messages = new ArrayList<>();
    messages.add(new String[] {"system", system});
    messages.add(new String[] {"user", order.request()});

    String lookupArgs = Json.object("order_id", order.orderId());
    long t = t0 + 2_000;
    t = toolCallingLlm(inRoot, sessionId, userId, model, messages, "call_" + hex(8), "lookup_order", lookupArgs, t);
    String orderJson = Json.object("order_id", order.orderId(), "item", order.item(), "carrier", order.carrier(),
        "tracking_number", order.tracking(), "placed_at", "2026-11-" + (10 + random.nextInt(10)));
    t = tool(inRoot, sessionId, userId, "lookup_order", "Find an order by its id: item, carrier, tracking number.",
        LOOKUP_SCHEMA, lookupArgs, orderJson, null, t);
    messages.add(new String[] {"tool", orderJson});

    String trackArgs = Json.object("carrier", order.carrier(), "tracking_number", order.tracking());
    t = toolCallingLlm(inRoot, sessionId, userId, model, messages, "call_" + hex(8), "track_shipment", trackArgs, t);
    String trackJson = Json.object("status", order.status(), "eta", order.eta());
    String toolError = fails ? "Carrier API " + order.carrier() + " did not answer within 10 s (GET /v2/parcels/" + order.tracking() + ")" : null;
    t = tool(inRoot, sessionId, userId, "track_shipment", "Current status and ETA of a parcel from the carrier's API.",
        TRACK_SCHEMA, trackArgs, trackJson, toolError, t);
    messages.add(new String[] {"tool", fails ? "{\"error\": " + Json.quote(toolError) + "}" : trackJson});

    String reply = fails
        ? "I found your order " + order.orderId() + " (" + order.item() + ", shipped with " + order.carrier()
            + ", tracking " + order.tracking() + "), but the carrier's tracking service is not answering right now. "
            + "Please try the tracking number on the " + order.carrier() + " site, or ask me again in a few minutes."
        : "Your order " + order.orderId() + " (" + order.item() + ") is with " + order.carrier() + ": " + order.status()
            + ". Expected delivery: " + order.eta() + ". Tracking number " + order.tracking() + ".";
    Span last = start("ChatCompletion", inRoot, t + 300, "LLM");
    common(last, sessionId, userId);
    llmRequest(last, model, messages, 0.0);
    t += 500_000 + random.nextInt(1_500_000);
    llmResponse(last, messages, reply, null, t);

    root.setAttribute(OUTPUT_VALUE, reply);
    root.setAttribute(OUTPUT_MIME_TYPE, TEXT);
    root.setStatus(StatusCode.OK);
    root.end(t + 1_000, MICROSECONDS);
    record(root, sessionId, userId, "agent", 6, fails);
  }

  private long toolCallingLlm(Context parent, String sessionId, String userId, String[] model, List<String[]> messages,
      String callId, String function, String arguments, long t) {
    Span llm = start("ChatCompletion", parent, t + 200, "LLM");
    common(llm, sessionId, userId);
    llmRequest(llm, model, messages, 0.0);
    llm.setAttribute(llmTool(0), LOOKUP_SCHEMA);
    llm.setAttribute(llmTool(1), TRACK_SCHEMA);
    long end = t + 400_000 + random.nextInt(900_000);
    llmResponse(llm, messages, "", new String[] {callId, function, arguments}, end);
    return end;
  }

  private long tool(Context parent, String sessionId, String userId, String name, String description, String schema,
      String arguments, String result, String error, long t) {
    Span tool = start(name, parent, t + 300, "TOOL");
    common(tool, sessionId, userId);
    tool.setAttribute(TOOL_NAME, name);
    tool.setAttribute(TOOL_DESCRIPTION, description);
    tool.setAttribute(TOOL_PARAMETERS, schema);
    tool.setAttribute(INPUT_VALUE, arguments);
    tool.setAttribute(INPUT_MIME_TYPE, JSON);
    if (error != null) {
      long end = t + 10_000_000;
      fail(tool, "CarrierTimeoutError", error, end);
      return end;
    }
    long end = t + 30_000 + random.nextInt(400_000);
    tool.setAttribute(OUTPUT_VALUE, result);
    tool.setAttribute(OUTPUT_MIME_TYPE, JSON);
    tool.setStatus(StatusCode.OK);
    tool.end(end, MICROSECONDS);
    return end;
  }

  // --- LLM span details ------------------------------------------------------------------------------------

  private void llmRequest(Span llm, String[] model, List<String[]> messages, double temperature) {
    llm.setAttribute(LLM_MODEL_NAME, model[0]);
    llm.setAttribute(LLM_PROVIDER, model[1]);
    llm.setAttribute(LLM_SYSTEM, model[2]);
    llm.setAttribute(LLM_INVOCATION_PARAMETERS, Json.object("temperature", temperature, "max_tokens", 512));
    List<Object> json = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      llm.setAttribute(inputMessage(i, "role"), messages.get(i)[0]);
      llm.setAttribute(inputMessage(i, "content"), messages.get(i)[1]);
      json.add(new Json.Raw(Json.object("role", messages.get(i)[0], "content", messages.get(i)[1])));
    }
    llm.setAttribute(INPUT_VALUE, Json.object("model", model[0], "messages", json, "temperature", temperature));
    llm.setAttribute(INPUT_MIME_TYPE, JSON);
  }

  /** Ends an LLM span with its reply (text, or one tool call {@code [id, function, arguments]}) and token counts. */
  private void llmResponse(Span llm, List<String[]> messages, String text, String[] toolCall, long end) {
    llm.setAttribute(outputMessage(0, "role"), "assistant");
    int completionChars;
    if (toolCall == null) {
      llm.setAttribute(outputMessage(0, "content"), text);
      llm.setAttribute(OUTPUT_VALUE, text);
      llm.setAttribute(OUTPUT_MIME_TYPE, TEXT);
      completionChars = text.length();
    } else {
      llm.setAttribute(outputToolCall(0, 0, "id"), toolCall[0]);
      llm.setAttribute(outputToolCall(0, 0, "function.name"), toolCall[1]);
      llm.setAttribute(outputToolCall(0, 0, "function.arguments"), toolCall[2]);
      String out = Json.object("role", "assistant", "tool_calls", List.of(new Json.Raw(Json.object("id", toolCall[0],
          "type", "function", "function", new Json.Raw(Json.object("name", toolCall[1], "arguments", toolCall[2]))))));
      llm.setAttribute(OUTPUT_VALUE, out);
      llm.setAttribute(OUTPUT_MIME_TYPE, JSON);
      completionChars = 40 + toolCall[2].length();
    }
    long prompt = 12 + messages.stream().mapToLong(m -> 4 + m[1].length() / 4).sum();
    long completion = 1 + completionChars / 4;
    // Providers cache long shared prefixes in 128-token blocks: the system prompt here.
    long cached = prompt >= 1024 ? (prompt - 256) / 128 * 128 : 0;
    llm.setAttribute(AttributeKey.longKey(LLM_TOKEN_PROMPT), prompt);
    llm.setAttribute(AttributeKey.longKey(LLM_TOKEN_COMPLETION), completion);
    llm.setAttribute(AttributeKey.longKey(LLM_TOKEN_TOTAL), prompt + completion);
    llm.setAttribute(AttributeKey.longKey(LLM_TOKEN_CACHE_READ), cached);
    llm.setAttribute(AttributeKey.longKey(LLM_TOKEN_CACHE_WRITE), 0L);
    llm.setAttribute(AttributeKey.longKey(LLM_TOKEN_REASONING), 0L);
    llm.setStatus(StatusCode.OK);
    llm.end(end, MICROSECONDS);
  }

  // --- helpers ---------------------------------------------------------------------------------------------

  private Span start(String name, Context parent, long startMicros, String kind) {
    return tracer.spanBuilder(name).setParent(parent).setStartTimestamp(startMicros, MICROSECONDS)
        .setAttribute(SPAN_KIND, kind).startSpan();
  }

  private static void common(Span span, String sessionId, String userId) {
    span.setAttribute(SESSION_ID, sessionId);
    span.setAttribute(USER_ID, userId);
  }

  /** An exception event (as {@code Span.recordException} writes it) and ERROR status, then the end. */
  private static void fail(Span span, String type, String message, long end) {
    span.addEvent("exception", Attributes.of(AttributeKey.stringKey(EXCEPTION_TYPE), type,
        AttributeKey.stringKey(EXCEPTION_MESSAGE), message), end - 1_000, MICROSECONDS);
    span.setStatus(StatusCode.ERROR, message);
    span.end(end, MICROSECONDS);
  }

  private void record(Span root, String sessionId, String userId, String scenario, int spans, boolean error) {
    emitted.add(new Emitted(root.getSpanContext().getTraceId(), scenario, sessionId, userId, spans, error));
  }

  /** Moves the demo's clock to the next trace's start: ~40 s apart, jittered. */
  private long tick(long jitterMicros) {
    clock += 38_000_000L + random.nextLong(jitterMicros);
    return clock;
  }

  private String hex(int chars) {
    return HexFormat.of().toHexDigits(random.nextLong()).substring(0, chars);
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
