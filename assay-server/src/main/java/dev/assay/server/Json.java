package dev.assay.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON configuration of the HTTP API (DESIGN §3): snake_case properties, ISO-8601 instants. */
public final class Json {
  private Json() {}

  /**
   * A new mapper with Assay's settings. Build it once per process and pass it along: the server uses one
   * instance for request bodies, responses and problem documents.
   *
   * <p>Unknown request properties are ignored: the compatible APIs must accept what Phoenix and AX clients
   * send, including fields Assay does not use yet.
   */
  public static ObjectMapper create() {
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
  }
}
