package dev.assay.eval;

import dev.assay.auth.AccessScope;
import dev.assay.eval.Subject.Document;
import dev.assay.eval.Subject.Message;
import dev.assay.eval.Subject.Step;
import dev.assay.eval.Subject.ToolCall;
import dev.assay.eval.Subject.ToolDefinition;
import dev.assay.eval.Subject.Turn;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.traces.Session;
import dev.assay.traces.SessionDetail;
import dev.assay.traces.Span;
import dev.assay.traces.SpanPreview;
import dev.assay.traces.SpanQuery;
import dev.assay.traces.SpanService;
import dev.assay.traces.Trace;
import dev.assay.traces.TraceQuery;
import dev.assay.traces.TraceSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the {@link Subject}s evaluators see from stored spans, traces and sessions (read through
 * {@link SpanService}, so every read is scope-checked) or from a dataset example and a task's output.
 *
 * <p><b>Loop guard.</b> A subject is {@link Subject#fromEvaluator() from an evaluator} when its span (the root
 * span of a trace) has span kind {@code EVALUATOR} or carries the attribute {@value #EVALUATOR_MARKER}. The
 * judge calls Assay itself makes are traced with that attribute (its value is the evaluator's name), so
 * evaluating a project that also receives Assay's own traces never evaluates the evaluations.
 *
 * <p>The mapping of one span ({@link #ofSpan}): input/output from {@code input.value}/{@code output.value};
 * reference from the attribute {@code reference} (else {@code metadata.reference} or
 * {@code metadata.expected}); context from {@code retrieval.documents.N.document.*}; messages from
 * {@code llm.input_messages} then {@code llm.output_messages}; tools from {@code llm.tools.N.tool.json_schema}
 * (or a TOOL span's own {@code tool.*}); tool calls from the output messages' {@code tool_calls} (or, for a TOOL
 * span, the call it ran with its result or error).
 */
public final class SubjectBuilder {
  /** The attribute that marks a span as made by an evaluator (Assay's own judge calls); see the class doc. */
  public static final String EVALUATOR_MARKER = "assay.evaluator";
  /** Span kinds a TRAJECTORY's steps keep. */
  private static final List<String> TRAJECTORY_KINDS = List.of("LLM", "TOOL", "RETRIEVER", "AGENT", "RERANKER");
  /** At most this many spans of one trace are re-read whole when the trace read returned previews. */
  private static final int MAX_WHOLE_REREADS = 64;

  private final SpanService spans;

  public SubjectBuilder(SpanService spans) {
    this.spans = Objects.requireNonNull(spans, "spans");
  }

  /** One span, read whole. @throws dev.assay.shared.NotFoundException when absent or not visible */
  public Subject span(AccessScope scope, String projectRef, String spanId) {
    return ofSpan(spans.getSpan(scope, projectRef, spanId, null));
  }

  /** A trace: its root span's input and output with every span as a step. */
  public Subject trace(AccessScope scope, String projectRef, String traceId) {
    return ofTrace(SubjectKind.TRACE, wholeSpans(scope, projectRef, spans.getTrace(scope, projectRef, traceId)));
  }

  /** A trace as an agent's ordered LLM / tool / retriever / agent steps. */
  public Subject trajectory(AccessScope scope, String projectRef, String traceId) {
    return ofTrace(SubjectKind.TRAJECTORY, wholeSpans(scope, projectRef, spans.getTrace(scope, projectRef, traceId)));
  }

  /** A session: its traces' turns as a conversation. */
  public Subject session(AccessScope scope, String projectRef, String sessionId) {
    SessionDetail detail = spans.getSession(scope, projectRef, sessionId);
    return ofSession(detail.session().summary().projectId(), sessionId, detail.traces());
  }

  /**
   * Up to {@code n} subjects of {@code kind} in the project, newest first, matching the filter (filter
   * language; null for all) among those starting in {@code [start, end)} (null bounds as in
   * {@link SpanService#list}).
   *
   * @throws InvalidInputException for EXAMPLE (examples come from datasets) or n < 1
   */
  public List<Subject> sample(AccessScope scope, String projectRef, SubjectKind kind, String filter,
      Instant start, Instant end, int n) {
    if (n < 1) {
      throw new InvalidInputException("the number of subjects to sample must be at least 1, got " + n);
    }
    List<Subject> out = new ArrayList<>(Math.min(n, 1_000));
    String cursor = null;
    switch (kind) {
      case SPAN -> {
        do {
          Page<Span> page = spans.list(scope, projectRef, start, end, filter, cursor,
              Math.min(n - out.size(), SpanQuery.MAX_LIMIT));
          for (Span s : page.items()) {
            out.add(ofSpan(isCut(s) ? spans.getSpan(scope, projectRef, s.spanId(), s.traceId()) : s));
          }
          cursor = page.nextCursor();
        } while (cursor != null && out.size() < n);
      }
      case TRACE, TRAJECTORY -> {
        do {
          Page<Trace> page = spans.listTraces(scope, projectRef, start, end, filter, cursor,
              Math.min(n - out.size(), TraceQuery.MAX_LIMIT), false);
          for (Trace t : page.items()) {
            Trace whole = spans.getTrace(scope, projectRef, t.summary().traceId());
            out.add(ofTrace(kind, wholeSpans(scope, projectRef, whole)));
          }
          cursor = page.nextCursor();
        } while (cursor != null && out.size() < n);
      }
      case SESSION -> {
        do {
          Page<Session> page = spans.listSessions(scope, projectRef, start, end, filter, cursor,
              Math.min(n - out.size(), dev.assay.traces.SessionQuery.MAX_LIMIT));
          for (Session s : page.items()) {
            out.add(session(scope, projectRef, s.summary().sessionId()));
          }
          cursor = page.nextCursor();
        } while (cursor != null && out.size() < n);
      }
      case EXAMPLE -> throw new InvalidInputException(
          "EXAMPLE subjects come from a dataset's examples and a task's output; they cannot be sampled from a project");
    }
    return out.size() > n ? List.copyOf(out.subList(0, n)) : out;
  }

  // --- pure mappings ---------------------------------------------------------------------------------------

  /** One span as a SPAN subject (no store access). */
  public static Subject ofSpan(Span span) {
    Map<String, Object> attrs = attributes(span);
    List<ToolCall> calls;
    List<ToolDefinition> tools;
    if ("TOOL".equals(span.spanKind())) {
      String name = toolName(span, attrs);
      calls = List.of(new ToolCall(OpenInferenceAttributes.str(attrs.get("tool.id")), name, toolArguments(span, attrs),
          span.outputValue(), span.isError() ? errorText(span) : null));
      String schema = OpenInferenceAttributes.str(attrs.getOrDefault("tool.json_schema", attrs.get("tool.parameters")));
      tools = name == null ? List.of()
          : List.of(new ToolDefinition(name, OpenInferenceAttributes.str(attrs.get("tool.description")), schema));
    } else {
      calls = OpenInferenceAttributes.outputToolCalls(attrs);
      tools = OpenInferenceAttributes.tools(attrs);
    }
    List<Message> messages = OpenInferenceAttributes.messages(attrs);
    String output = span.outputValue() != null ? span.outputValue() : lastAssistant(messages);
    Map<String, Object> metadata = metadata(span, attrs);
    return new Subject(SubjectKind.SPAN, span.projectId(), Evaluation.TargetKind.SPAN, span.spanId(), span.traceId(),
        span.inputValue(), output, reference(attrs, metadata), OpenInferenceAttributes.documents(attrs), messages,
        tools, calls, List.of(), List.of(), attrs, metadata, span.spanKind(), span.statusCode(), span.latencyMs(),
        span.promptTokens(), span.completionTokens(), totalTokens(span), span.costTotal(), fromEvaluator(span, attrs));
  }

  /**
   * The spans of one trace (any order) as a TRACE or TRAJECTORY subject: the root span's input, output,
   * attributes and metadata; the documents of every retriever, the tools offered in any LLM call, every tool
   * call the model made (matched in order with the TOOL spans that ran it, for results and errors), the last LLM
   * call's messages, tokens and cost summed over the spans.
   */
  public static Subject ofTrace(SubjectKind kind, List<Span> spans) {
    if (kind != SubjectKind.TRACE && kind != SubjectKind.TRAJECTORY) {
      throw new IllegalArgumentException("ofTrace builds TRACE or TRAJECTORY subjects, not " + kind);
    }
    if (spans == null || spans.isEmpty()) {
      throw new IllegalArgumentException("a trace subject needs at least one span");
    }
    List<Span> ordered = new ArrayList<>(spans);
    ordered.sort(Comparator.comparingLong(Span::startTime).thenComparing(Span::spanId));
    Span root = root(ordered);
    Map<String, Object> rootAttrs = attributes(root);
    TraceParts parts = TraceParts.of(ordered, root, kind == SubjectKind.TRAJECTORY ? TRAJECTORY_KINDS : null);
    Map<String, Object> metadata = metadata(root, rootAttrs);
    long minStart = ordered.getFirst().startTime();
    long maxEnd = ordered.stream().mapToLong(Span::endTime).max().orElse(root.endTime());
    return new Subject(kind, root.projectId(), Evaluation.TargetKind.TRACE, root.traceId(), root.traceId(),
        root.inputValue(), root.outputValue(), reference(rootAttrs, metadata), parts.documents(), parts.messages(),
        parts.tools(), parts.toolCalls(), parts.steps(), List.of(), rootAttrs, metadata, root.spanKind(),
        root.statusCode(), root.isRoot() ? root.latencyMs() : (maxEnd - minStart) / 1000.0,
        parts.promptTokens(), parts.completionTokens(), parts.totalTokens(), parts.cost(),
        fromEvaluator(root, rootAttrs));
  }

  /**
   * A session's traces (in any order) as a SESSION subject: each trace is a turn (its root input as the user's
   * message, its root output as the assistant's); input is the first turn's input, output the last turn's output.
   */
  public static Subject ofSession(String projectId, String sessionId, List<Trace> traces) {
    List<Trace> ordered = new ArrayList<>(traces);
    ordered.sort(Comparator.comparingLong((Trace t) -> t.summary().startTime()));
    List<Turn> turns = new ArrayList<>(ordered.size());
    List<Message> messages = new ArrayList<>(ordered.size() * 2);
    long prompt = 0;
    long completion = 0;
    long total = 0;
    double cost = 0;
    boolean error = false;
    for (Trace t : ordered) {
      TraceSummary s = t.summary();
      turns.add(new Turn(s.traceId(), t.input(), t.output(), s.startTime()));
      if (t.input() != null) {
        messages.add(new Message("user", t.input(), List.of()));
      }
      if (t.output() != null) {
        messages.add(new Message("assistant", t.output(), List.of()));
      }
      prompt += s.promptTokens();
      completion += s.completionTokens();
      total += s.totalTokens();
      cost += s.costTotal();
      error |= s.errorCount() > 0;
    }
    String input = turns.isEmpty() ? null : turns.getFirst().input();
    String output = turns.isEmpty() ? null : turns.getLast().output();
    Double latency = ordered.isEmpty() ? null
        : (ordered.stream().mapToLong(t -> t.summary().endTime()).max().orElseThrow()
            - ordered.getFirst().summary().startTime()) / 1000.0;
    return new Subject(SubjectKind.SESSION, projectId, Evaluation.TargetKind.SESSION, sessionId, null, input, output,
        null, List.of(), messages, List.of(), List.of(), List.of(), turns, Map.of(), Map.of(), null,
        ordered.isEmpty() ? null : error ? "ERROR" : "OK", latency, prompt, completion, total, cost, false);
  }

  /** A dataset example with the output a task produced for it (input and expected as given, JSON text or plain). */
  public static Subject ofExample(String projectId, String exampleId, String input, String expected,
      Map<String, Object> metadata, String taskOutput) {
    Map<String, Object> meta = metadata == null ? Map.of() : metadata;
    return new Subject(SubjectKind.EXAMPLE, projectId, Evaluation.TargetKind.DATASET_EXAMPLE, exampleId, null, input,
        taskOutput, expected, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), meta, null,
        null, null, null, null, null, null, false);
  }

  // --- helpers ---------------------------------------------------------------------------------------------

  /** The trace's spans, re-reading whole (up to a cap) those the trace read returned as previews. */
  private List<Span> wholeSpans(AccessScope scope, String projectRef, Trace trace) {
    List<Span> out = new ArrayList<>(trace.spans().size());
    int rereads = 0;
    for (Span s : trace.spans()) {
      if (isCut(s) && rereads++ < MAX_WHOLE_REREADS) {
        out.add(spans.getSpan(scope, projectRef, s.spanId(), s.traceId()));
      } else {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      throw new dev.assay.shared.NotFoundException("trace " + trace.summary().traceId() + " has no spans");
    }
    return out;
  }

  /** True when a span read in a list may hold values cut to the preview length. */
  static boolean isCut(Span s) {
    return s.isPreview() || SpanPreview.isAtPreviewLength(s.inputValue()) || SpanPreview.isAtPreviewLength(s.outputValue());
  }

  private static Span root(List<Span> ordered) {
    for (Span s : ordered) {
      if (s.isRoot()) {
        return s;
      }
    }
    // The root has not arrived (or was cut off): the earliest span whose parent is not in the trace stands in.
    java.util.Set<String> ids = new java.util.HashSet<>();
    ordered.forEach(s -> ids.add(s.spanId()));
    return ordered.stream().filter(s -> !ids.contains(s.parentId())).findFirst().orElse(ordered.getFirst());
  }

  static Map<String, Object> attributes(Span span) {
    Map<String, Object> attrs = EvalJson.objectOrNull(span.attributesJson());
    return attrs == null ? new LinkedHashMap<>() : attrs;
  }

  private static Map<String, Object> metadata(Span span, Map<String, Object> attrs) {
    Map<String, Object> m = EvalJson.objectOrNull(span.metadataJson());
    if (m == null) {
      Object raw = attrs.get("metadata");
      m = raw instanceof Map<?, ?> map ? OpenInferenceAttributes.cast(map) : EvalJson.objectOrNull(OpenInferenceAttributes.str(raw));
    }
    return m == null ? Map.of() : m;
  }

  private static String reference(Map<String, Object> attrs, Map<String, Object> metadata) {
    Object ref = attrs.get("reference");
    if (ref == null) {
      ref = metadata.get("reference");
    }
    if (ref == null) {
      ref = metadata.get("expected");
    }
    return EvalJson.text(ref);
  }

  static boolean fromEvaluator(Span span, Map<String, Object> attrs) {
    return "EVALUATOR".equals(span.spanKind()) || attrs.get(EVALUATOR_MARKER) != null;
  }

  static String toolName(Span span, Map<String, Object> attrs) {
    String name = OpenInferenceAttributes.str(attrs.get("tool.name"));
    return name != null ? name : span.name();
  }

  /** A TOOL span's arguments: its input (the call's arguments), else {@code tool.parameters}. */
  static String toolArguments(Span span, Map<String, Object> attrs) {
    return span.inputValue() != null ? span.inputValue() : OpenInferenceAttributes.str(attrs.get("tool.parameters"));
  }

  /** A failed span's error: the status message, else the exception event's message. */
  static String errorText(Span span) {
    if (span.statusMessage() != null && !span.statusMessage().isBlank()) {
      return span.statusMessage();
    }
    Object events = EvalJson.parseOrNull(span.eventsJson());
    if (events instanceof List<?> list) {
      for (Object e : list) {
        if (e instanceof Map<?, ?> event && event.get("attributes") instanceof Map<?, ?> a
            && a.get("exception.message") != null) {
          return String.valueOf(a.get("exception.message"));
        }
      }
    }
    return "error";
  }

  private static Long totalTokens(Span span) {
    if (span.totalTokens() != null) {
      return span.totalTokens();
    }
    if (span.promptTokens() == null && span.completionTokens() == null) {
      return null;
    }
    return (span.promptTokens() == null ? 0 : span.promptTokens())
        + (span.completionTokens() == null ? 0 : span.completionTokens());
  }

  private static String lastAssistant(List<Message> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("assistant".equals(messages.get(i).role()) && messages.get(i).content() != null) {
        return messages.get(i).content();
      }
    }
    return null;
  }

  /** Step, tool, document and usage roll-ups of a trace's spans. */
  private record TraceParts(List<Step> steps, List<ToolCall> toolCalls, List<ToolDefinition> tools,
      List<Document> documents, List<Message> messages, Long promptTokens, Long completionTokens, Long totalTokens,
      Double cost) {

    static TraceParts of(List<Span> ordered, Span root, List<String> stepKinds) {
      List<Step> steps = new ArrayList<>();
      List<ToolCall> calls = new ArrayList<>();
      Map<String, ToolDefinition> tools = new LinkedHashMap<>();
      List<Document> documents = new ArrayList<>();
      List<Message> messages = List.of();
      Long prompt = null;
      Long completion = null;
      Long total = null;
      Double cost = null;
      for (Span s : ordered) {
        Map<String, Object> attrs = attributes(s);
        boolean tool = "TOOL".equals(s.spanKind());
        String toolName = tool ? toolName(s, attrs) : null;
        String toolArgs = tool ? toolArguments(s, attrs) : null;
        String error = s.isError() ? errorText(s) : null;
        if (s != root && (stepKinds == null || stepKinds.contains(s.spanKind()))) {
          steps.add(new Step(s.spanId(), s.parentId(), s.spanKind(), s.name(), s.inputValue(), s.outputValue(),
              toolName, toolArgs, error, s.startTime(), s.endTime()));
        }
        if (tool) {
          attachResult(calls, toolName, toolArgs, s.outputValue(), error, OpenInferenceAttributes.str(attrs.get("tool.id")));
          tools.putIfAbsent(toolName, new ToolDefinition(toolName, OpenInferenceAttributes.str(attrs.get("tool.description")),
              OpenInferenceAttributes.str(attrs.getOrDefault("tool.json_schema", attrs.get("tool.parameters")))));
        } else {
          calls.addAll(OpenInferenceAttributes.outputToolCalls(attrs));
          for (ToolDefinition d : OpenInferenceAttributes.tools(attrs)) {
            if (d.name() != null) {
              tools.put(d.name(), d); // an LLM's offer describes the tool better than the TOOL span
            }
          }
        }
        documents.addAll(OpenInferenceAttributes.documents(attrs));
        if ("LLM".equals(s.spanKind())) {
          List<Message> m = OpenInferenceAttributes.messages(attrs);
          if (!m.isEmpty()) {
            messages = m;
          }
        }
        prompt = add(prompt, s.promptTokens());
        completion = add(completion, s.completionTokens());
        total = add(total, SubjectBuilder.totalTokens(s));
        if (s.costTotal() != null) {
          cost = (cost == null ? 0 : cost) + s.costTotal();
        }
      }
      return new TraceParts(steps, calls, new ArrayList<>(tools.values()), documents, messages, prompt, completion,
          total, cost);
    }

    /** Gives the first unanswered call of that tool its result; a TOOL span nobody asked for is a call itself. */
    private static void attachResult(List<ToolCall> calls, String name, String args, String result, String error,
        String id) {
      for (int i = 0; i < calls.size(); i++) {
        ToolCall c = calls.get(i);
        if (c.result() == null && c.error() == null && Objects.equals(c.name(), name)) {
          calls.set(i, new ToolCall(c.id(), c.name(), c.argumentsJson() != null ? c.argumentsJson() : args, result,
              error));
          return;
        }
      }
      calls.add(new ToolCall(id, name, args, result, error));
    }

    private static Long add(Long sum, Long value) {
      if (value == null) {
        return sum;
      }
      return sum == null ? value : Long.valueOf(sum + value);
    }
  }
}
