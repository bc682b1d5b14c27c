package dev.assay.llm;

import dev.assay.outbound.OutboundPolicy;
import dev.assay.shared.UnprocessableException;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;

/**
 * LangChain4j's HTTP client SPI over the JDK client, so provider errors keep what LangChain4j's own client drops:
 * a non-2xx answer throws a {@link ProviderException} carrying status, kind, {@code Retry-After} and body (LangChain4j
 * wraps it; {@link ProviderErrors#unwrap} finds it again). HTTP/1.1 is forced: the JDK's default h2c upgrade
 * headers confuse some OpenAI-compatible servers and proxies. The last response body of the calling thread is
 * kept for judges that need the raw answer. Every request (and every redirect hop, followed by hand: the JDK client
 * itself never follows them) goes through the {@link OutboundPolicy}, so a base URL that resolves into the server's
 * own network is refused before each call, not only when it was saved.
 */
final class ProviderHttpClient implements dev.langchain4j.http.client.HttpClient {
  private static final ThreadLocal<String> LAST_BODY = new ThreadLocal<>();
  // One shared JDK client: connection pooling across configs; virtual-thread executor for its internal work.
  private static final HttpClient SHARED = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10))
      .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

  private final Duration readTimeout;
  private final OutboundPolicy policy;

  private ProviderHttpClient(Duration readTimeout, OutboundPolicy policy) {
    this.readTimeout = readTimeout == null ? Duration.ofSeconds(120) : readTimeout;
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  static Builder builder(OutboundPolicy policy) {
    return new Builder(policy);
  }

  /** The body of the last response this thread received (and clears it). */
  static String takeLastBody() {
    String body = LAST_BODY.get();
    LAST_BODY.remove();
    return body;
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
        .timeout(readTimeout);
    request.headers().forEach((name, values) -> {
      if (!restricted(name)) {
        values.forEach(v -> b.header(name, v));
      }
    });
    String body = request.body();
    b.method(request.method().name(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response;
    try {
      response = policy.send(SHARED, b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (UnprocessableException refused) {
      // A configuration problem: work on this config pauses until it is edited (or the host allow-listed).
      throw new ProviderException(ProviderException.Kind.CONFIG, 0, refused.getMessage(), null, null, refused);
    } catch (HttpConnectTimeoutException e) {
      throw new ProviderException(ProviderException.Kind.TIMEOUT, 0, "connecting to " + host(request) + " timed out",
          null, null, e);
    } catch (HttpTimeoutException e) {
      throw new ProviderException(ProviderException.Kind.TIMEOUT, 0, "the provider did not answer within "
          + readTimeout.toSeconds() + " s", null, null, e);
    } catch (IOException e) {
      if (rootCause(e) instanceof UnresolvedAddressException || rootCause(e) instanceof java.net.UnknownHostException) {
        throw new ProviderException(ProviderException.Kind.CONFIG, 0, "unknown host in " + host(request)
            + ": check the base URL", null, null, e);
      }
      if (e instanceof ConnectException) {
        throw new ProviderException(ProviderException.Kind.CONFIG, 0, "cannot connect to " + host(request)
            + " (connection refused): check the base URL and that the server runs", null, null, e);
      }
      throw new ProviderException(ProviderException.Kind.NETWORK, 0, "network error talking to " + host(request) + ": "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), null, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(ProviderException.Kind.TIMEOUT, 0, "the call was abandoned", null, null, e);
    }
    Map<String, List<String>> headers = response.headers().map();
    if (response.statusCode() / 100 != 2) {
      throw ProviderErrors.fromResponse(response.statusCode(), headers, response.body());
    }
    LAST_BODY.set(response.body());
    return SuccessfulHttpResponse.builder().statusCode(response.statusCode()).headers(headers).body(response.body())
        .build();
  }

  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    // Judges never stream; a streaming caller gets the failure through its listener.
    listener.onError(new UnsupportedOperationException("streaming is not supported by Assay's provider client"));
  }

  private static boolean restricted(String header) {
    String h = header.toLowerCase(java.util.Locale.ROOT);
    return h.equals("content-length") || h.equals("host") || h.equals("connection") || h.equals("upgrade")
        || h.equals("expect");
  }

  private static String host(HttpRequest request) {
    URI uri = URI.create(request.url());
    return uri.getScheme() + "://" + uri.getAuthority();
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** The builder LangChain4j's model builders take ({@code httpClientBuilder(...)}). */
  static final class Builder implements HttpClientBuilder {
    private final OutboundPolicy policy;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout;

    private Builder(OutboundPolicy policy) {
      this.policy = policy;
    }

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      if (timeout != null) {
        this.connectTimeout = timeout;
      }
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      if (timeout != null) {
        this.readTimeout = timeout;
      }
      return this;
    }

    @Override
    public ProviderHttpClient build() {
      return new ProviderHttpClient(readTimeout, policy);
    }
  }
}
