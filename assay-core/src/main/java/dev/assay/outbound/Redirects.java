package dev.assay.outbound;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** How {@link OutboundPolicy#send} follows a redirect: which statuses, where to, and with which request. */
final class Redirects {
  private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);
  // Headers that stay when a redirect leaves the origin; the caller's others (Authorization, API keys, custom
  // secrets) are meant for the origin only, as browsers do with Authorization.
  private static final Set<String> CROSS_ORIGIN_HEADERS = Set.of("accept", "content-type", "user-agent");

  private Redirects() {}

  /** The handler for a hop: a redirect that will be followed is drained and dropped, anything else kept. */
  static <T> HttpResponse.BodyHandler<T> discardingRedirects(HttpResponse.BodyHandler<T> body, boolean mayFollow) {
    return info -> mayFollow && STATUSES.contains(info.statusCode()) && info.headers().firstValue("location").isPresent()
        ? HttpResponse.BodySubscribers.replacing(null)
        : body.apply(info);
  }

  /** Where a redirect points, resolved against the request's URL; empty when the response is not a redirect. */
  static Optional<URI> target(HttpResponse<?> response) {
    if (!STATUSES.contains(response.statusCode())) {
      return Optional.empty();
    }
    return response.headers().firstValue("location").map(location -> response.request().uri().resolve(location.strip()));
  }

  /**
   * The next hop's request: 303, and 301/302 after a POST, become a body-less GET (as browsers and the JDK
   * client do); 307/308 repeat the method and body. Leaving the origin drops all but harmless headers.
   */
  static HttpRequest follow(HttpRequest previous, int status, URI target) {
    boolean sameOrigin = sameOrigin(previous.uri(), target);
    HttpRequest.Builder next = HttpRequest.newBuilder(previous,
        (name, value) -> sameOrigin || CROSS_ORIGIN_HEADERS.contains(name.toLowerCase(Locale.ROOT))).uri(target);
    boolean toGet = status == 303 && !previous.method().equals("HEAD")
        || (status == 301 || status == 302) && previous.method().equals("POST");
    if (toGet) {
      next.GET();
    }
    return next.build();
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(lower(a.getScheme()), lower(b.getScheme())) && Objects.equals(lower(a.getHost()), lower(b.getHost()))
        && port(a) == port(b);
  }

  private static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
