package dev.assay.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.JsonPath;
import dev.assay.datasets.Example;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.ProcessRun;
import dev.assay.llm.ChatModel;
import dev.assay.llm.ProviderException;
import dev.assay.outbound.OutboundPolicy;
import dev.assay.prompts.PromptCall;
import dev.assay.prompts.PromptMessage;
import dev.assay.prompts.PromptService;
import dev.assay.prompts.PromptVersion;
import dev.assay.secrets.SealedValues;
import dev.assay.secrets.SecretBox;
import dev.assay.shared.UnprocessableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the task under test on one example. A failure of the example (a non-2xx answer, a timeout, a non-zero exit, a
 * missing template variable, a provider error after retries) is the run's error; a failure that dooms every example
 * (the provider refused the key, the account is out of credit) is a {@link Broken}, which fails the experiment.
 */
final class TaskInvoker {
  // Never follows redirects itself: OutboundPolicy.send follows them by hand and checks every hop.
  private static final HttpClient HTTP = OutboundPolicy.unrestricted().newClient(Duration.ofSeconds(10))
      .version(HttpClient.Version.HTTP_1_1).build();
  private static final int MAX_OUTPUT_CHARS = 1 << 20;

  private final ExperimentTask task;
  private final ChatModel model;
  private final PromptVersion prompt;
  private final Clock clock;
  private final OutboundPolicy policy;
  private final SealedValues sealed;

  /**
   * @param model and {@code prompt}: the governed chat model and the version, for a prompt task; else null
   * @param policy which URLs an HTTP task may call, checked before every request
   * @param sealed opens an HTTP task's stored header values just before the request
   */
  TaskInvoker(ExperimentTask task, ChatModel model, PromptVersion prompt, Clock clock, OutboundPolicy policy,
      SealedValues sealed) {
    this.task = task;
    this.model = model;
    this.prompt = prompt;
    this.clock = clock;
    this.policy = policy;
    this.sealed = sealed;
  }

  /** The task's configuration cannot work for any example; the experiment fails with this message. */
  static final class Broken extends RuntimeException {
    Broken(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What one invocation produced: the output or the error, tokens, and the LLM call of a prompt task. */
  record Invocation(String output, String error, Long promptTokens, Long completionTokens, RunTracer.LlmCall llm) {}

  /** The JSON HTTP and command tasks receive: {@code {input, metadata, example_id}}. */
  static String request(Example example) {
    ObjectNode n = ExperimentCodec.JSON.createObjectNode();
    n.set("input", ExperimentCodec.JSON.valueToTree(example.input()));
    n.set("metadata", ExperimentCodec.JSON.valueToTree(example.metadata()));
    n.put("example_id", example.id());
    return n.toString();
  }

  Invocation invoke(Example example) throws InterruptedException {
    return switch (task) {
      case ExperimentTask.PromptTask p -> prompt(p, example);
      case ExperimentTask.HttpTask h -> http(h, example);
      case ExperimentTask.CommandTask c -> command(c, example);
    };
  }

  private Invocation prompt(ExperimentTask.PromptTask p, Example example) {
    Instant start = clock.instant();
    try {
      PromptCall call = PromptService.call(model, p.model(), prompt, example.input());
      Instant end = clock.instant();
      String output = call.response().text() != null ? call.response().text() : call.response().toolArgumentsJson();
      long in = call.response().inputTokens();
      long out = call.response().outputTokens();
      return new Invocation(output, output == null ? "the model answered with neither text nor a tool call" : null,
          in, out, llm(call, output, in, out, start, end));
    } catch (EvaluationException e) {
      broken(e);
      return new Invocation(null, message(e), null, null, null);
    } catch (ProviderException e) {
      broken(e);
      return new Invocation(null, message(e), null, null, null);
    }
  }

  private static RunTracer.LlmCall llm(PromptCall call, String output, long in, long out, Instant start, Instant end) {
    List<Map<String, String>> messages = new ArrayList<>();
    for (PromptMessage m : call.rendered().messages()) {
      Map<String, String> msg = new LinkedHashMap<>();
      msg.put("role", m.role().toLowerCase(java.util.Locale.ROOT));
      msg.put("content", m.content());
      messages.add(msg);
    }
    return new RunTracer.LlmCall(call.model(), ExperimentCodec.write(messages), messages, output, in, out, start, end);
  }

  /** Throws {@link Broken} when the failure (or its cause) is a provider's auth, billing or configuration refusal. */
  private static void broken(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ProviderException p && p.pausesWork()) {
        throw new Broken(message(p), p);
      }
    }
  }

  private Invocation http(ExperimentTask.HttpTask h, Example example) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(h.url().strip()))
        .timeout(h.timeout())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(request(example)));
    try {
      h.headers().forEach((name, value) -> request.setHeader(name, sealed.open(value)));
    } catch (SecretBox.SecretException e) {
      throw new Broken("the task's stored header values cannot be opened: " + e.getMessage(), e);
    }
    HttpResponse<String> response;
    try {
      response = policy.send(HTTP, request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (UnprocessableException e) {
      return failed(e.getMessage());
    } catch (HttpTimeoutException e) {
      return failed("the endpoint did not answer within " + h.timeout().toMillis() + " ms");
    } catch (IOException e) {
      return failed("the endpoint could not be reached: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    String body = cap(response.body());
    if (response.statusCode() / 100 != 2) {
      return failed("the endpoint answered HTTP " + response.statusCode() + ": " + excerpt(body));
    }
    return output(body, h.outputPath());
  }

  private Invocation command(ExperimentTask.CommandTask c, Example example) throws InterruptedException {
    String program = c.argv().getFirst();
    ProcessRun.Result r;
    try {
      r = ProcessRun.run(c.argv(), Map.of(), request(example).getBytes(StandardCharsets.UTF_8),
          c.timeout().toMillis(), MAX_OUTPUT_CHARS);
    } catch (IOException e) {
      // A program that cannot start cannot run any example.
      throw new Broken("task command " + program + " could not be started: " + e.getMessage(), e);
    }
    if (r.timedOut()) {
      return failed("command " + program + " did not finish within " + c.timeout().toMillis() + " ms and was killed");
    }
    if (r.exitCode() != 0) {
      return failed("command " + program + " exited with status " + r.exitCode()
          + (r.stderr().isBlank() ? "" : ": " + ProcessRun.lastLine(r.stderr())));
    }
    String out = r.stdout();
    return output(c.outputPath() == null ? out.stripTrailing() : out, c.outputPath());
  }

  /** The output text, or the value at {@code path} in it read as JSON (a string as is, anything else as JSON). */
  static Invocation output(String body, String path) {
    if (path == null || path.isBlank()) {
      return new Invocation(body, null, null, null, null);
    }
    try {
      Object v = JsonPath.parse(body).read(path);
      String text = v == null ? null : v instanceof String s ? s : ExperimentCodec.write(v);
      return new Invocation(text, text == null ? "the output at " + path + " is null" : null, null, null, null);
    } catch (RuntimeException e) {
      return failed("no output at " + path + " in the answer: " + excerpt(body));
    }
  }

  private static Invocation failed(String error) {
    return new Invocation(null, error, null, null, null);
  }

  private static String cap(String s) {
    return s != null && s.length() > MAX_OUTPUT_CHARS ? s.substring(0, MAX_OUTPUT_CHARS) : s;
  }

  private static String excerpt(String s) {
    if (s == null || s.isBlank()) {
      return "(empty body)";
    }
    String t = s.strip();
    return t.length() <= 200 ? t : t.substring(0, 200) + "…";
  }

  private static String message(Throwable e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }
}
