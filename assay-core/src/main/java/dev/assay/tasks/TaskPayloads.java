package dev.assay.tasks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.assay.jobs.NewJob;
import java.io.UncheckedIOException;

/** The JSON of {@link TaskJobs}' payload records: snake_case fields, unknown fields ignored (a newer replica's). */
final class TaskPayloads {
  static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private TaskPayloads() {}

  static <T> T read(String payloadJson, Class<T> type) {
    try {
      return JSON.readValue(payloadJson, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not a " + type.getSimpleName() + " payload: " + e.getOriginalMessage(), e);
    }
  }

  static NewJob job(String kind, Object payload) {
    try {
      return NewJob.of(kind, JSON.writeValueAsString(payload));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
