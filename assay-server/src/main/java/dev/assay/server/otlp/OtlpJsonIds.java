package dev.assay.server.otlp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * OTLP/JSON differs from the standard protobuf JSON mapping in one way that matters here: trace and span
 * ids are hex, where {@code JsonFormat} expects base64 for bytes. This rewrites them to base64 first. An
 * id that is not hex becomes empty, so its span is rejected on its own instead of failing the request.
 */
final class OtlpJsonIds {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private OtlpJsonIds() {}

  /** The body as protobuf-JSON text with base64 ids. */
  static String toProtobufJson(byte[] body) throws InvalidProtocolBufferException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidProtocolBufferException("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) { // reading a byte array does not fail otherwise
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidProtocolBufferException("the body must be a JSON object");
    }
    for (JsonNode resourceSpans : field(root, "resourceSpans", "resource_spans")) {
      for (JsonNode scopeSpans : field(resourceSpans, "scopeSpans", "scope_spans")) {
        for (JsonNode span : field(scopeSpans, "spans", "spans")) {
          rewrite(span, "traceId", "trace_id", "spanId", "span_id", "parentSpanId", "parent_span_id");
          for (JsonNode link : field(span, "links", "links")) {
            rewrite(link, "traceId", "trace_id", "spanId", "span_id");
          }
        }
      }
    }
    return root.toString();
  }

  private static JsonNode field(JsonNode node, String camel, String snake) {
    JsonNode value = node.isObject() ? node.get(camel) : null;
    if (value == null && node.isObject()) {
      value = node.get(snake);
    }
    return value == null || !value.isArray() ? JSON.createArrayNode() : value;
  }

  private static void rewrite(JsonNode node, String... names) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    for (String name : names) {
      if (object.get(name) instanceof JsonNode value && value.isTextual()) {
        object.put(name, base64(value.asText()));
      }
    }
  }

  private static String base64(String hex) {
    try {
      return Base64.getEncoder().encodeToString(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
