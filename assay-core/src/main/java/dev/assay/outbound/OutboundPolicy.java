package dev.assay.outbound;

import dev.assay.shared.UnprocessableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which URLs the server may call on a user's behalf (model providers, HTTP evaluators, experiment HTTP
 * tasks, webhooks) so that a caller who can save a URL cannot make the server reach its own host or network:
 * loopback, private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and unspecified
 * addresses are refused unless {@code ASSAY_ALLOWED_HOSTS} lists them (see {@link AllowedHost} for the forms).
 * Only http and https are allowed, and URLs carrying credentials in their user-info are refused.
 *
 * <p>Every address the host resolves to is checked, so a name with one public and one private address is
 * refused. A check still leaves a window between resolving and connecting: the HTTP client resolves the name
 * again when it connects, and a hostile DNS server can answer differently the second time (DNS rebinding).
 * Checking right before each request and again on every redirect hop ({@link #send}) narrows that window to
 * the resolver's cache lifetime and closes the easier attacks (saving a harmless URL that later redirects or
 * re-points inward); closing it fully would need connecting to the checked address itself, which the JDK client
 * cannot do for https without breaking certificate checks. Put the server behind an egress firewall where
 * that matters.
 */
public final class OutboundPolicy {
  /** Redirects followed per request; the JDK client's own limit is also 5. */
  public static final int MAX_REDIRECTS = 5;

  private final List<AllowedHost> allowed;
  private final boolean unrestricted;
  private final Resolver resolver;

  /** Resolves a host name to all its addresses; a seam for tests that need a name with private addresses. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  OutboundPolicy(List<AllowedHost> allowed, boolean unrestricted, Resolver resolver) {
    this.allowed = List.copyOf(allowed);
    this.unrestricted = unrestricted;
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /**
   * The server's policy over {@code SecuritySettings.allowedHosts()}.
   *
   * @throws IllegalArgumentException naming the first entry that is not a host name, IP address or CIDR range
   */
  public static OutboundPolicy of(List<String> allowedHosts) {
    return new OutboundPolicy(allowedHosts.stream().map(AllowedHost::parse).toList(), false, InetAddress::getAllByName);
  }

  /**
   * No address checks, only the scheme and user-info rules. For the standalone {@code assay eval} harness only,
   * which runs the user's own file on the user's own machine: there is no untrusted caller to protect from.
   */
  public static OutboundPolicy unrestricted() {
    return new OutboundPolicy(List.of(), true, InetAddress::getAllByName);
  }

  /**
   * Refuses {@code uri} unless the server may call it.
   *
   * @throws UnprocessableException naming the refused address, its class and the setting that allows it
   */
  public void check(URI uri) {
    check(uri, true);
  }

  /**
   * {@link #check} for a URL being saved (a model config's base URL, an HTTP evaluator's URL): a host name that does
   * not resolve now is accepted, since it may only resolve where the server runs later; {@link #check} refuses it
   * before every call anyway.
   */
  public void checkSaved(URI uri) {
    check(uri, false);
  }

  private void check(URI uri, boolean mustResolve) {
    if (uri == null) {
      throw new UnprocessableException("outbound request refused: no URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new UnprocessableException("outbound request refused: only http and https URLs can be called, got "
          + (scheme.isEmpty() ? "a URL without a scheme" : "'" + scheme + "'"));
    }
    if (uri.getRawUserInfo() != null) {
      throw new UnprocessableException("outbound request to " + uri.getHost() + " refused: the URL carries "
          + "credentials before '@'; pass them as a header or API key instead");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new UnprocessableException("outbound request refused: the URL has no host");
    }
    if (unrestricted) {
      return;
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    if (allowed.stream().anyMatch(entry -> entry.allowsName(bare, port))) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(bare);
    } catch (UnknownHostException e) {
      if (!mustResolve) {
        return;
      }
      throw new UnprocessableException("outbound request to " + host + " refused: the host name does not resolve");
    }
    for (InetAddress resolved : addresses) {
      InetAddress address = AddressClass.effective(resolved);
      Optional<AddressClass> forbidden = AddressClass.of(address);
      if (forbidden.isPresent() && allowed.stream().noneMatch(entry -> entry.allowsAddress(address, port))) {
        String shown = address.getHostAddress();
        String named = shown.equalsIgnoreCase(bare) ? shown : host + " (" + shown + ")";
        throw new UnprocessableException("outbound request to " + named + " refused: " + shown + " is "
            + forbidden.get().description() + "; allow it with ASSAY_ALLOWED_HOSTS=" + bare);
      }
    }
  }

  /**
   * Sends {@code request} after {@link #check checking} its URL, following up to {@link #MAX_REDIRECTS}
   * redirects by hand and checking every hop, so a permitted server cannot bounce the request inward. Give the
   * client {@code Redirect.NEVER} ({@link #newClient}); the request should carry its own timeout.
   *
   * @throws UnprocessableException when a hop is refused or there are too many redirects
   */
  public <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    HttpRequest current = request;
    for (int hop = 0; ; hop++) {
      // A name that does not resolve is left to the client, whose connect fails on it with its usual error.
      check(current.uri(), false);
      boolean mayFollow = hop < MAX_REDIRECTS;
      HttpResponse<T> response = client.send(current, Redirects.discardingRedirects(body, mayFollow));
      Optional<URI> next = Redirects.target(response);
      if (next.isEmpty()) {
        return response;
      }
      if (!mayFollow) {
        throw new UnprocessableException("outbound request to " + request.uri().getHost() + " refused: more than "
            + MAX_REDIRECTS + " redirects");
      }
      current = Redirects.follow(current, response.statusCode(), next.get());
    }
  }

  /** A client builder that never follows redirects itself ({@link #send} does) and gives up connecting in time. */
  public HttpClient.Builder newClient(Duration connectTimeout) {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(connectTimeout);
  }

  @Override
  public String toString() {
    return unrestricted ? "OutboundPolicy[unrestricted]" : "OutboundPolicy[" + allowed.size() + " allowed host(s)]";
  }
}
