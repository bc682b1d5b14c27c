package dev.assay.cli.ci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.assay.experiments.GateResult;

/**
 * Gate results as JSON, in the API's snake_case form ({@code POST /v2/experiments/{id}/gate}): what {@code -o json}
 * prints, what {@code --url} mode reads back, and what {@code baseline: {file: …}} reads.
 */
final class GateJson {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private GateJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a gate result did not serialise", e);
    }
  }

  static GateResult read(JsonNode node) {
    try {
      return MAPPER.treeToValue(node, GateResult.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a gate result: " + e.getMessage(), e);
    }
  }
}
