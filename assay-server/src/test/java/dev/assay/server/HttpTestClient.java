package dev.assay.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small blocking client for the server under test, over {@link HttpClient}. */
final class HttpTestClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One response: status, headers and the body as text. */
  record Reply(int status, HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String contentType() {
      return headers.firstValue("content-type").orElse("");
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final URI base;

  HttpTestClient(int port) {
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  Reply get(String path, String... headers) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), headers);
  }

  Reply post(String path, String contentType, HttpRequest.BodyPublisher body, String... headers) {
    return send(HttpRequest.newBuilder(base.resolve(path)).POST(body).header("Content-Type", contentType), headers);
  }

  /** A POST whose response body is read as bytes (protobuf answers). */
  HttpResponse<byte[]> postForBytes(String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", contentType).timeout(Duration.ofSeconds(20));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply post(String path, String json) {
    return post(path, "application/json", HttpRequest.BodyPublishers.ofString(json));
  }

  Reply patch(String path, String json, String... headers) {
    return send(HttpRequest.newBuilder(base.resolve(path)).method("PATCH", HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json"), headers);
  }

  Reply put(String path, String json) {
    return send(HttpRequest.newBuilder(base.resolve(path)).PUT(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json"));
  }

  Reply delete(String path, String... headers) {
    return send(HttpRequest.newBuilder(base.resolve(path)).DELETE(), headers);
  }

  /** A DELETE with a JSON body, as AX's {@code delete_spans} sends it. */
  Reply delete(String path, String json) {
    return send(HttpRequest.newBuilder(base.resolve(path)).method("DELETE", HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json"));
  }

  /** Any method, with a JSON body when {@code json} is not null, and header name/value pairs. */
  Reply send(String method, String path, String json, String... headers) {
    HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json);
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).method(method, body);
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    return send(builder, headers);
  }

  /** Closes the client's keep-alive connections, so a server stop need not wait for them to idle out. */
  @Override
  public void close() {
    http.close();
  }

  private Reply send(HttpRequest.Builder builder, String... headers) {
    builder.timeout(Duration.ofSeconds(20));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
