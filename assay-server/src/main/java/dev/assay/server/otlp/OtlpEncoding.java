package dev.assay.server.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.assay.shared.InvalidInputException;
import io.javalin.http.HttpResponseException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The two OTLP/HTTP body encodings; a response uses the encoding of its request. */
enum OtlpEncoding {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  final String mediaType;

  OtlpEncoding(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The encoding of a Content-Type header (parameters such as charset ignored); 415 for any other. */
  static OtlpEncoding of(String contentType) {
    String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    for (OtlpEncoding encoding : values()) {
      if (encoding.mediaType.equals(type)) {
        return encoding;
      }
    }
    throw new HttpResponseException(415,
        "OTLP/HTTP accepts application/x-protobuf or application/json, not '" + (contentType == null ? "" : contentType) + "'");
  }

  /** Decodes a whole (inflated) body; a malformed one is invalid input, so nothing is stored. */
  ExportTraceServiceRequest decode(byte[] body) {
    try {
      if (this == PROTOBUF) {
        return ExportTraceServiceRequest.parseFrom(body);
      }
      ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
      JSON_PARSER.merge(OtlpJsonIds.toProtobufJson(body), request);
      return request.build();
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidInputException("malformed OTLP " + (this == PROTOBUF ? "protobuf" : "JSON") + " body: " + e.getMessage());
    }
  }

  byte[] encode(ExportTraceServiceResponse response) {
    if (this == PROTOBUF) {
      return response.toByteArray();
    }
    try {
      return JSON_PRINTER.print(response).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an ExportTraceServiceResponse always prints as JSON", e);
    }
  }
}
