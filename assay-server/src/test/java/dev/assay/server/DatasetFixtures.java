package dev.assay.server;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** Request bodies the dataset API tests share: a multipart upload. */
final class DatasetFixtures {
  private DatasetFixtures() {}

  /** A multipart/form-data body: the text fields and one file part named {@code file}. */
  record Multipart(String contentType, HttpRequest.BodyPublisher body) {}

  static Multipart upload(String fileName, String content, Map<String, String> fields) {
    RawMultipart raw = raw(fileName, content, fields);
    return new Multipart(raw.contentType(), HttpRequest.BodyPublishers.ofByteArray(raw.body()));
  }

  /** The same body as bytes, for tests that send it in their own way (chunked, mutated). */
  record RawMultipart(String contentType, byte[] body) {}

  static RawMultipart raw(String fileName, String content, Map<String, String> fields) {
    String boundary = "assay-" + UUID.randomUUID();
    StringBuilder b = new StringBuilder();
    fields.forEach((k, v) -> b.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
    if (fileName != null) {
      b.append("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(fileName).append("\"\r\n")
          .append("Content-Type: application/octet-stream\r\n\r\n").append(content).append("\r\n");
    }
    b.append("--").append(boundary).append("--\r\n");
    return new RawMultipart("multipart/form-data; boundary=" + boundary, b.toString().getBytes(StandardCharsets.UTF_8));
  }

  static HttpTestClient.Reply upload(HttpTestClient client, String fileName, String content, Map<String, String> fields) {
    Multipart m = upload(fileName, content, fields);
    return client.post("/v2/datasets/upload", m.contentType(), m.body());
  }
}
