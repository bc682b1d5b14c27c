package dev.assay.eval;

import dev.assay.outbound.OutboundPolicy;
import dev.assay.secrets.SealedValues;
import dev.assay.secrets.SecretBox;
import dev.assay.shared.UnprocessableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * POSTs each subject to a user's endpoint and reads its verdict. The request body is the JSON of
 * {@link SubjectJson#request} (the evaluator's name, its mapped variables bound, the subject's fields); the
 * answer is {@code {label?, score?, explanation?, passed?, metadata?}}. A non-2xx status, a timeout or an answer
 * that is not such an object fails the subject with the status and the start of the body. Header values (API
 * keys) are sent but never put in a message.
 */
public final class HttpEvaluator implements RunnableEvaluator {
  /**
   * One client for every HTTP evaluator: it pools connections. It never follows redirects itself;
   * {@link OutboundPolicy#send} follows them by hand and checks every hop.
   */
  private static final HttpClient CLIENT = OutboundPolicy.unrestricted().newClient(Duration.ofSeconds(10)).build();
  /** Answers longer than this are not verdicts; reading stops there. */
  private static final int MAX_BODY_CHARS = 1 << 20;

  private final HttpSpec spec;
  private final URI uri;
  private final Duration timeout;
  private final OutboundPolicy policy;
  private final SealedValues sealed;

  /**
   * @param policy which URLs may be called; checked before every request
   * @param sealed opens header values stored sealed, just before the request
   */
  public HttpEvaluator(HttpSpec spec, OutboundPolicy policy, SealedValues sealed) {
    this.spec = spec;
    this.uri = URI.create(spec.url().strip());
    this.timeout = Duration.ofMillis(spec.timeoutMs());
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sealed = Objects.requireNonNull(sealed, "sealed");
  }

  @Override
  public EvaluatorSpec spec() {
    return spec;
  }

  @Override
  public EvalOutcome evaluate(Subject subject) throws EvaluationException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(SubjectJson.request(spec, subject)));
    String source = "HTTP evaluator " + origin();
    try {
      for (Map.Entry<String, String> h : spec.headers().entrySet()) {
        request.setHeader(h.getKey(), sealed.open(h.getValue()));
      }
    } catch (SecretBox.SecretException e) {
      throw new EvaluationException(source + ": its stored header values cannot be opened: " + e.getMessage());
    }
    HttpResponse<String> response;
    try {
      response = policy.send(CLIENT, request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (UnprocessableException e) {
      throw new EvaluationException(source + ": " + e.getMessage());
    } catch (HttpTimeoutException e) {
      throw new EvaluationException(source + " did not answer within " + spec.timeoutMs() + " ms");
    } catch (IOException e) {
      throw new EvaluationException(source + " could not be reached: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EvaluationException(source + ": interrupted");
    }
    String body = response.body();
    if (body != null && body.length() > MAX_BODY_CHARS) {
      body = body.substring(0, MAX_BODY_CHARS);
    }
    if (response.statusCode() / 100 != 2) {
      throw new EvaluationException(source + " answered HTTP " + response.statusCode() + ": "
          + SubjectJson.excerpt(body), body);
    }
    return SubjectJson.outcome(body, source);
  }

  /** Scheme, host and path only: a query string may hold a token. */
  private String origin() {
    return uri.getScheme() + "://" + uri.getAuthority() + (uri.getPath() == null ? "" : uri.getPath());
  }
}
