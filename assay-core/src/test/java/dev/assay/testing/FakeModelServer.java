package dev.assay.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local model provider for tests and benchmarks (the only fake in the suite). It speaks OpenAI's
 * {@code POST /v1/chat/completions} and {@code /v1/embeddings}, Anthropic's {@code POST /v1/messages} and Ollama's
 * {@code POST /api/chat}, on a JDK HttpServer whose handlers run on virtual threads.
 *
 * <p><b>Answers.</b> The prompt is every message's text joined by newlines. Rules ({@link #answer}) are tried in the
 * order added; the first whose predicate matches the prompt gives the reply label/text. Without a matching rule
 * the <b>default rule</b> finds the labels listed after the last <b>marker</b> in the prompt and picks the first
 * one. A marker is the text {@code one of:} or {@code one of these labels and nothing else:} (case-insensitive),
 * followed by the labels separated by commas, up to the end of the line (or a {@code >}/{@code )}); this is the
 * wording of the judge's output instructions ({@code JudgeEvaluator}), e.g. "Answer with exactly one of these
 * labels and nothing else: factual, hallucinated" → {@code factual}. With no marker the reply is {@code OK}.
 * When the prompt asks for "EXPLANATION:" the text reply is {@code EXPLANATION: …\nLABEL: <label>}.
 * A request with {@code response_format} JSON schema gets a JSON object filling the schema's properties
 * ({@code label}-like or enum properties get the label, other strings an explanation); a request with tools gets a
 * call of the first tool with arguments built the same way. Usage tokens are about characters / 4.
 *
 * <p><b>Faults</b>, by fraction (a seeded {@link Random}, see {@link #faults}) or by rule ({@link #fault}): latency,
 * 429 with {@code Retry-After}, 500, hang (no answer until the client gives up), malformed output and 401. Optional
 * requests/tokens-per-minute limits ({@link #limits}) answer 429 with the wait until the sliding minute has room.
 *
 * <p><b>Counters</b>: calls, answers by status, 429s, usage per minute, and arrivals per subject key ({@link #keyOf};
 * by default the text after {@code subject-key:} in the prompt, else the whole prompt) so tests can check that a
 * retry never came earlier than the {@code Retry-After} it was given ({@link #retryAfterViolations()}).
 */
public final class FakeModelServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MARKER = Pattern.compile("(?i)one of(?: these labels and nothing else)?:\\s*([^\\n>)]+)");
  private static final Pattern SUBJECT_KEY = Pattern.compile("subject-key:\\s*(\\S+)");

  /** A fault the server can inject. */
  public enum Fault { RATE_LIMITED, SERVER_ERROR, HANG, MALFORMED, UNAUTHORIZED }

  /**
   * One request: when it arrived and when it was answered (nanoTime), the status and the Retry-After sent (or null).
   */
  public record Arrival(long nanos, long answeredNanos, int status, Duration retryAfter) {}

  private record Rule(Predicate<String> prompt, String reply) {}

  private record FaultRule(Predicate<String> prompt, Fault fault) {}

  private record LatencyRule(Predicate<String> prompt, Duration latency) {}

  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<FaultRule> faultRules = new CopyOnWriteArrayList<>();
  private final List<LatencyRule> latencyRules = new CopyOnWriteArrayList<>();
  private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final ArrivalLog arrivals = new ArrivalLog(startNanos);
  private final FakeRateLimits limits = new FakeRateLimits(startNanos);
  private volatile Function<String, String> keyOf = FakeModelServer::defaultKey;
  private volatile Random random = new Random(42);
  private volatile double rateLimited;
  private volatile double serverError;
  private volatile double hang;
  private volatile double malformed;
  private volatile double unauthorized;
  private volatile Duration retryAfter = Duration.ofSeconds(1);
  private volatile Duration latency = Duration.ZERO;
  private volatile Duration hangFor = Duration.ofMinutes(5);
  private volatile String requiredKey;
  private volatile boolean recordArrivals = true;
  private volatile JsonNode lastRequest;
  private volatile String lastQuery;
  private volatile Map<String, List<String>> lastHeaders = Map.of();
  private HttpServer server;
  private ExecutorService handlers;

  /** A server that is not started yet; configure it, then {@link #start()}. */
  public static FakeModelServer create() {
    return new FakeModelServer();
  }

  public FakeModelServer start() {
    try {
      handlers = Executors.newVirtualThreadPerTaskExecutor();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
      server.setExecutor(handlers);
      server.createContext("/", this::handle);
      server.start();
      return this;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake model server", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}: Anthropic and Ollama clients take this (Anthropic's with {@code /v1/}). */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The OpenAI-compatible base URL, {@code <baseUrl>/v1}. */
  public String openAiBaseUrl() {
    return baseUrl() + "/v1";
  }

  /** Replies {@code reply} (a label or any text) when the prompt matches. */
  public FakeModelServer answer(Predicate<String> prompt, String reply) {
    rules.add(new Rule(prompt, reply));
    return this;
  }

  /** Injects {@code fault} whenever the prompt matches (checked before the random faults). */
  public FakeModelServer fault(Predicate<String> prompt, Fault fault) {
    faultRules.add(new FaultRule(prompt, fault));
    return this;
  }

  /** Random faults: the fractions of requests answered 429, 500, hung, malformed or 401; seeded for repeatability. */
  public FakeModelServer faults(double rateLimited, double serverError, double hang, double malformed,
      double unauthorized, long seed) {
    this.rateLimited = rateLimited;
    this.serverError = serverError;
    this.hang = hang;
    this.malformed = malformed;
    this.unauthorized = unauthorized;
    this.random = new Random(seed);
    return this;
  }

  /** The Retry-After sent with injected 429s (whole seconds on the wire, rounded up). */
  public FakeModelServer retryAfter(Duration d) {
    this.retryAfter = d;
    return this;
  }

  /** Added before every answer. */
  public FakeModelServer latency(Duration d) {
    this.latency = d;
    return this;
  }

  /** Added before answering a prompt that matches (instead of the global latency). */
  public FakeModelServer latency(Predicate<String> prompt, Duration d) {
    latencyRules.add(new LatencyRule(prompt, d));
    return this;
  }

  /** How long a hung request waits before the server gives up on it itself. */
  public FakeModelServer hangFor(Duration d) {
    this.hangFor = d;
    return this;
  }

  /** Requests and tokens per sliding minute (null = unlimited); over the limit → 429 with Retry-After. */
  public FakeModelServer limits(Integer requestsPerMinute, Long tokensPerMinute) {
    limits.set(requestsPerMinute, tokensPerMinute);
    return this;
  }

  /** The window the limits count over (a minute unless a test shrinks it to run faster). */
  public FakeModelServer limitWindow(Duration d) {
    limits.window(d);
    return this;
  }

  /** Requires this API key ({@code Authorization: Bearer} or {@code x-api-key}); others get 401. */
  public FakeModelServer requireApiKey(String key) {
    this.requiredKey = key;
    return this;
  }

  /** How a request's subject key is derived from its prompt, for {@link #arrivals()}. */
  public FakeModelServer keyOf(Function<String, String> f) {
    this.keyOf = f;
    return this;
  }

  /** Turns the per-subject arrival log off (benchmarks with many calls). */
  public FakeModelServer recordArrivals(boolean on) {
    this.recordArrivals = on;
    return this;
  }

  /** Forgets every counter and the arrival log (after a warm-up). */
  public FakeModelServer resetCounters() {
    calls.set(0);
    limits.resetCounters();
    byStatus.clear();
    arrivals.clear();
    return this;
  }

  public long calls() {
    return calls.get();
  }

  /** Answers with this status so far. */
  public long answered(int status) {
    AtomicLong n = byStatus.get(status);
    return n == null ? 0 : n.get();
  }

  /** 429s sent because the RPM/TPM limits were exceeded (not injected ones). */
  public long limitRejections() {
    return limits.rejections();
  }

  /** Accepted requests and tokens by minute since start: minute index → {requests, tokens}. */
  public Map<Long, long[]> perMinuteUsage() {
    return limits.perMinuteUsage();
  }

  public Map<String, List<Arrival>> arrivals() {
    return arrivals.snapshot();
  }

  /** The last request's JSON body and headers (header names lower-case). */
  public JsonNode lastRequest() {
    return lastRequest;
  }

  /** The last request's raw query string, null when it had none. */
  public String lastQuery() {
    return lastQuery;
  }

  public Map<String, List<String>> lastHeaders() {
    return lastHeaders;
  }

  /** Retries (per subject key) that arrived earlier than the Retry-After of the 429 before them. */
  public long retryAfterViolations() {
    return retryAfterViolationDetails().size();
  }

  /** One line per early retry: the subject key, the gap and the arrivals of that key (ms since start, status). */
  public List<String> retryAfterViolationDetails() {
    return arrivals.retryAfterViolations();
  }

  /** Retries observed after a 429 (consecutive arrivals of one key whose first got a Retry-After). */
  public long retriesAfter429() {
    return arrivals.retriesAfter429();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      handlers.shutdownNow();
    }
  }

  // ---- handling ----

  private void handle(HttpExchange exchange) throws IOException {
    long receivedNanos = System.nanoTime();
    try (exchange) {
      calls.incrementAndGet();
      byte[] bytes;
      try (InputStream in = exchange.getRequestBody()) {
        bytes = in.readAllBytes();
      }
      JsonNode body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
      lastRequest = body;
      Map<String, List<String>> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      lastHeaders = headers;
      lastQuery = exchange.getRequestURI().getRawQuery();
      String path = exchange.getRequestURI().getPath();
      Api api = switch (path) {
        case "/v1/chat/completions" -> Api.OPENAI;
        case "/v1/embeddings" -> Api.EMBEDDINGS;
        case "/v1/messages" -> Api.ANTHROPIC;
        case "/api/chat" -> Api.OLLAMA;
        default -> null;
      };
      if (api == null) {
        send(exchange, 404, FakeResponses.error(false, "not_found", "no route " + path), null, null, receivedNanos);
        return;
      }
      String prompt = prompt(api, body);
      String key = keyOf.apply(prompt);
      Duration delay = latencyRules.stream().filter(r -> r.prompt().test(prompt)).map(LatencyRule::latency).findFirst()
          .orElse(latency);
      if (!delay.isZero()) {
        Thread.sleep(delay);
      }
      if (requiredKey != null && !requiredKey.equals(apiKey(headers))) {
        send(exchange, 401, FakeResponses.error(api == Api.ANTHROPIC, "invalid_api_key", "Incorrect API key provided"), key, null, receivedNanos);
        return;
      }
      Fault fault = fault(prompt);
      if (fault == Fault.HANG) {
        Thread.sleep(hangFor);
        return;
      }
      if (fault == Fault.RATE_LIMITED) {
        send(exchange, 429, FakeResponses.error(api == Api.ANTHROPIC, "rate_limit_exceeded", "Rate limit reached (injected)"), key, retryAfter,
            receivedNanos);
        return;
      }
      if (fault == Fault.SERVER_ERROR) {
        send(exchange, 500, FakeResponses.error(api == Api.ANTHROPIC, "server_error", "The server had an error (injected)"), key, null, receivedNanos);
        return;
      }
      if (fault == Fault.UNAUTHORIZED) {
        send(exchange, 401, FakeResponses.error(api == Api.ANTHROPIC, "invalid_api_key", "Incorrect API key provided"), key, null, receivedNanos);
        return;
      }
      String reply = api == Api.EMBEDDINGS ? "" : reply(prompt);
      if (fault == Fault.MALFORMED) {
        reply = "~~ (static) ~~";
      }
      long tokens = FakeResponses.tokens(prompt) + FakeResponses.tokens(reply);
      Duration wait = limits.admit(tokens);
      if (wait != null) {
        send(exchange, 429, FakeResponses.error(api == Api.ANTHROPIC, "rate_limit_exceeded", "Rate limit reached for requests or tokens per minute"),
            key, wait, receivedNanos);
        return;
      }
      String response = switch (api) {
        case OPENAI -> FakeResponses.openAi(body, prompt, reply, fault == Fault.MALFORMED);
        case ANTHROPIC -> FakeResponses.anthropic(body, prompt, reply);
        case OLLAMA -> FakeResponses.ollama(body, prompt, reply);
        case EMBEDDINGS -> FakeResponses.embeddings(body);
      };
      send(exchange, 200, response, key, null, receivedNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // the client went away (a hang that the client abandoned) or a broken request
    }
  }

  private enum Api { OPENAI, ANTHROPIC, OLLAMA, EMBEDDINGS }

  private Fault fault(String prompt) {
    for (FaultRule r : faultRules) {
      if (r.prompt().test(prompt)) {
        return r.fault();
      }
    }
    double draw;
    synchronized (this) {
      draw = random.nextDouble();
    }
    double edge = rateLimited;
    if (draw < edge) {
      return Fault.RATE_LIMITED;
    }
    if (draw < (edge += serverError)) {
      return Fault.SERVER_ERROR;
    }
    if (draw < (edge += hang)) {
      return Fault.HANG;
    }
    if (draw < (edge += malformed)) {
      return Fault.MALFORMED;
    }
    if (draw < edge + unauthorized) {
      return Fault.UNAUTHORIZED;
    }
    return null;
  }

  private String reply(String prompt) {
    for (Rule r : rules) {
      if (r.prompt().test(prompt)) {
        return r.reply();
      }
    }
    String label = defaultLabel(prompt);
    if (label == null) {
      return "OK";
    }
    return prompt.contains("EXPLANATION:") ? "EXPLANATION: The fake model picks the first listed label.\nLABEL: " + label
        : label;
  }

  /** The first label listed after the last marker in the prompt (see the class comment), or null. */
  public static String defaultLabel(String prompt) {
    Matcher m = MARKER.matcher(prompt);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    if (last == null) {
      return null;
    }
    String first = last.split(",")[0].strip();
    return first.replaceAll("^[\"'`]+|[\"'`.]+$", "");
  }

  private static String defaultKey(String prompt) {
    Matcher m = SUBJECT_KEY.matcher(prompt);
    return m.find() ? m.group(1) : Integer.toHexString(prompt.hashCode());
  }

  private static String prompt(Api api, JsonNode body) {
    StringBuilder sb = new StringBuilder();
    if (api == Api.EMBEDDINGS) {
      JsonNode input = body.path("input");
      if (input.isArray()) {
        input.forEach(i -> sb.append(i.asText()).append('\n'));
      } else {
        sb.append(input.asText());
      }
      return sb.toString();
    }
    if (api == Api.ANTHROPIC) {
      appendContent(sb, body.path("system"));
    }
    for (JsonNode m : body.path("messages")) {
      appendContent(sb, m.path("content"));
    }
    return sb.toString();
  }

  private static void appendContent(StringBuilder sb, JsonNode content) {
    if (content.isTextual()) {
      sb.append(content.asText()).append('\n');
    } else if (content.isArray()) {
      content.forEach(part -> {
        if (part.path("text").isTextual()) {
          sb.append(part.path("text").asText()).append('\n');
        }
      });
    }
  }

  private static String apiKey(Map<String, List<String>> headers) {
    List<String> auth = headers.get("authorization");
    if (auth != null && !auth.isEmpty() && auth.get(0).startsWith("Bearer ")) {
      return auth.get(0).substring(7);
    }
    List<String> key = headers.getOrDefault("x-api-key", headers.get("api-key"));
    return key == null || key.isEmpty() ? null : key.get(0);
  }

  private void send(HttpExchange exchange, int status, String body, String key, Duration retryAfterSent)
      throws IOException {
    send(exchange, status, body, key, retryAfterSent, System.nanoTime());
  }

  private void send(HttpExchange exchange, int status, String body, String key, Duration retryAfterSent,
      long receivedNanos) throws IOException {
    byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    Duration onWire = null;
    if (retryAfterSent != null) {
      long seconds = Math.max(1, (retryAfterSent.toMillis() + 999) / 1000);
      onWire = Duration.ofSeconds(seconds);
      exchange.getResponseHeaders().add("Retry-After", Long.toString(seconds));
    }
    if (key != null && recordArrivals) {
      arrivals.record(key, receivedNanos, status, onWire);
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
