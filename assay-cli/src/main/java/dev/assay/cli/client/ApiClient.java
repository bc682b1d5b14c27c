package dev.assay.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one HTTP client of the CLI: JSON to and from the Assay API at a base URL, with the API key as a bearer
 * token. Every failure becomes a {@link CliException} with the documented exit code: no connection or no
 * answer → 4, 401/403 → 5, 404 → 3, any other error status → 1, each with the server's problem detail.
 */
public final class ApiClient implements AutoCloseable {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  /** The API's largest page ({@code limit} is 1-100 on every list endpoint). */
  static final int MAX_PAGE = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String apiKey;
  private final PrintWriter verbose;
  private final Duration requestTimeout;
  private final HttpClient http;

  /**
   * @param base the server, e.g. {@code http://127.0.0.1:6006}
   * @param apiKey sent as {@code Authorization: Bearer}; null sends none
   * @param verbose where to log each request and its status; null logs nothing
   */
  public ApiClient(URI base, String apiKey, PrintWriter verbose) {
    this(base, apiKey, verbose, REQUEST_TIMEOUT);
  }

  ApiClient(URI base, String apiKey, PrintWriter verbose, Duration requestTimeout) {
    if (base == null || requestTimeout == null) {
      throw new NullPointerException("base is required");
    }
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.apiKey = apiKey;
    this.verbose = verbose;
    this.requestTimeout = requestTimeout;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
  }

  public URI base() {
    return base;
  }

  public JsonNode get(String path, Map<String, String> query) {
    return send("GET", path, query, null);
  }

  public JsonNode post(String path, JsonNode body) {
    return send("POST", path, Map.of(), body);
  }

  public JsonNode post(String path, Map<String, String> query, JsonNode body) {
    return send("POST", path, query, body);
  }

  /**
   * A POST whose body is not JSON (an import file as it is on disk), answered with JSON.
   *
   * @param contentType e.g. {@code application/x-ndjson} or {@code text/csv}
   */
  public JsonNode postRaw(String path, Map<String, String> query, String contentType, byte[] body) {
    return send("POST", path, query, contentType, HttpRequest.BodyPublishers.ofByteArray(body));
  }

  public JsonNode patch(String path, Map<String, String> query, JsonNode body) {
    return send("PATCH", path, query, body);
  }

  public JsonNode put(String path, Map<String, String> query, JsonNode body) {
    return send("PUT", path, query, body);
  }

  public void delete(String path, Map<String, String> query) {
    send("DELETE", path, query, null);
  }

  /** A DELETE with a JSON body, answered with JSON (AX's delete of dataset examples). */
  public JsonNode deleteWithBody(String path, JsonNode body) {
    return send("DELETE", path, Map.of(), body);
  }

  /** A new JSON object for a request body. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** One path segment, percent-encoded: names may hold spaces, slashes or anything else. */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Up to {@code limit} items of a paged list ({@code {<key>: [...], pagination: {next_cursor, has_more}}}). */
  public Listing list(String path, Map<String, String> query, String key, int limit) {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    while (true) {
      Map<String, String> pageQuery = new LinkedHashMap<>(query);
      pageQuery.put("limit", String.valueOf(Math.min(MAX_PAGE, limit - items.size())));
      pageQuery.put("cursor", cursor);
      JsonNode page = get(path, pageQuery);
      page.path(key).forEach(items::add);
      JsonNode pagination = page.path("pagination");
      cursor = pagination.path("next_cursor").asText(null);
      boolean more = pagination.path("has_more").asBoolean(false) && cursor != null;
      if (!more || items.size() >= limit) {
        return new Listing(List.copyOf(items), more);
      }
    }
  }

  /**
   * Up to {@code limit} items of a list queried with a POST body ({@code POST /v2/traces}, {@code /v2/sessions},
   * {@code /v2/spans}): the same body for every page, {@code limit} and {@code cursor} in the query string.
   *
   * @param maxPage the endpoint's largest page (50 for traces, 100 for sessions, 500 for spans)
   */
  public Listing listPosted(String path, JsonNode body, String key, int limit, int maxPage) {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    while (true) {
      Map<String, String> pageQuery = new LinkedHashMap<>();
      pageQuery.put("limit", String.valueOf(Math.min(maxPage, limit - items.size())));
      pageQuery.put("cursor", cursor);
      JsonNode page = post(path, pageQuery, body);
      page.path(key).forEach(items::add);
      JsonNode pagination = page.path("pagination");
      cursor = pagination.path("next_cursor").asText(null);
      boolean more = pagination.path("has_more").asBoolean(false) && cursor != null;
      if (!more || items.size() >= limit) {
        return new Listing(List.copyOf(items), more);
      }
    }
  }

  /**
   * A GET whose body is copied to {@code out} as it arrives, never held whole (exports). An error status is
   * read as a problem and thrown as for every other request; a body cut short by the server or the network
   * is a failure (exit 1), so a partial export is never taken for a complete one.
   *
   * @return the number of bytes copied
   */
  public long download(String path, Map<String, String> query, OutputStream out) {
    URI uri = URI.create(base + path + queryString(query));
    // No overall timeout: a large export may take long; a stalled connection still fails on its socket.
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    long begin = System.nanoTime();
    log("> GET " + uri);
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      log("< " + e);
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure("interrupted while waiting for Assay at " + base);
    }
    log("< " + response.statusCode() + " (" + (System.nanoTime() - begin) / 1_000_000 + " ms to the first byte)");
    try (InputStream in = response.body()) {
      if (response.statusCode() >= 400) {
        // Problem documents are small; bound the read anyway so a misbehaving server cannot fill memory.
        String body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        throw error(response.statusCode(), body);
      }
      long copied = 0;
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        copied += n;
      }
      out.flush();
      return copied;
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILURE, "the export from " + base + " was cut short: " + e.getMessage(), e);
    }
  }

  /** The items of a list and whether more exist beyond the limit. */
  public record Listing(List<JsonNode> items, boolean truncated) {}

  private JsonNode send(String method, String path, Map<String, String> query, JsonNode body) {
    return body == null
        ? send(method, path, query, null, HttpRequest.BodyPublishers.noBody())
        : send(method, path, query, "application/json", HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
  }

  private JsonNode send(String method, String path, Map<String, String> query, String contentType,
      HttpRequest.BodyPublisher body) {
    return parse(respond(method, path, query, contentType, body, Map.of()));
  }

  /**
   * A JSON POST with extra request headers, answered with its JSON and the response headers: how the CLI signs in
   * as a browser does (a session cookie and its CSRF token) to change a password. Header values are never logged.
   */
  public Answer postWithHeaders(String path, JsonNode body, Map<String, String> headers) {
    HttpResponse<String> response = respond("POST", path, Map.of(), "application/json",
        HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8), headers);
    return new Answer(parse(response), response.headers());
  }

  /** A response's JSON (a null node when empty) and its headers. */
  public record Answer(JsonNode body, HttpHeaders headers) {}

  private HttpResponse<String> respond(String method, String path, Map<String, String> query, String contentType,
      HttpRequest.BodyPublisher body, Map<String, String> headers) {
    URI uri = URI.create(base + path + queryString(query));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json");
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    request.method(method, body);
    long begin = System.nanoTime();
    log("> " + method + " " + uri);
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      log("< " + e);
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure("interrupted while waiting for Assay at " + base);
    }
    log("< " + response.statusCode() + " (" + (System.nanoTime() - begin) / 1_000_000 + " ms)");
    if (response.statusCode() >= 400) {
      throw error(response);
    }
    return response;
  }

  private CliException unreachable(IOException e) {
    if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
      return new CliException(ExitCodes.UNREACHABLE,
          "Assay at " + base + " did not answer within " + requestTimeout.toMillis() + " ms", e);
    }
    if (causedBy(e, UnresolvedAddressException.class)) {
      return new CliException(ExitCodes.UNREACHABLE, "cannot reach Assay at " + base + ": unknown host '" + base.getHost()
          + "'", e);
    }
    if (causedBy(e, ConnectException.class)) {
      return new CliException(ExitCodes.UNREACHABLE, "cannot reach Assay at " + base + " — is `assay server` running?", e);
    }
    return new CliException(ExitCodes.UNREACHABLE, "cannot reach Assay at " + base + ": " + e, e);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private ApiException error(HttpResponse<String> response) {
    return error(response.statusCode(), response.body());
  }

  private ApiException error(int status, String body) {
    Problem problem = Problem.of(status, body, JSON);
    return switch (status) {
      case 401 -> new ApiException(ExitCodes.AUTH, status, "Assay at " + base + " refused the credentials ("
          + problem.summary() + "); sign in with `assay auth login` or set the API key with ASSAY_API_KEY",
          problem.detailOrSummary());
      // Signed in, but the role is too low: another key would not help, so the line does not suggest one.
      case 403 -> new ApiException(ExitCodes.AUTH, status, "Assay at " + base + " refused the request ("
          + problem.summary() + "); `assay auth status` shows your roles", problem.detailOrSummary());
      case 404 -> new ApiException(ExitCodes.NOT_FOUND, status, problem.detailOrSummary(), problem.detailOrSummary());
      default -> new ApiException(ExitCodes.FAILURE, status, problem.summary(), problem.detailOrSummary());
    };
  }

  private JsonNode parse(HttpResponse<String> response) {
    String body = response.body();
    if (body == null || body.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw CliException.failure("the server at " + base + " did not answer with JSON (HTTP " + response.statusCode()
          + ", " + response.headers().firstValue("content-type").orElse("no content type") + "); is it an Assay server?");
    }
  }

  private static String queryString(Map<String, String> query) {
    StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach((name, value) -> {
      if (value != null) {
        joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    });
    return joined.toString();
  }

  private void log(String line) {
    if (verbose != null) {
      verbose.println(line);
      verbose.flush();
    }
  }

  @Override
  public void close() {
    http.close();
  }

  /** What an error response says: an RFC 9457 problem document, or just its status when it is not one. */
  record Problem(int status, String title, String detail) {
    static Problem of(int status, String body, ObjectMapper json) {
      try {
        JsonNode node = json.readTree(body == null ? "" : body);
        if (node != null && node.isObject()) {
          return new Problem(status, node.path("title").asText(null), node.path("detail").asText(null));
        }
      } catch (IOException notJson) {
        // fall through: a proxy or another server answered with HTML or text
      }
      return new Problem(status, null, null);
    }

    /** e.g. "HTTP 409 Conflict: a project named 'demo' already exists in this space". */
    String summary() {
      String text = "HTTP " + status + (title == null || title.isBlank() ? "" : " " + title);
      return detail == null || detail.isBlank() ? text : text + ": " + detail;
    }

    String detailOrSummary() {
      return detail == null || detail.isBlank() ? summary() : detail;
    }
  }
}
