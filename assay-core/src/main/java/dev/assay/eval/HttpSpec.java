package dev.assay.eval;

import java.util.Map;
import java.util.Objects;

/**
 * POSTs the subject (its bound variables and fields as JSON) to a user endpoint and reads back
 * {@code {label?, score?, explanation?, passed?, metadata?}}. Header values may be secrets: the API never
 * returns them.
 */
public record HttpSpec(
    String name,
    SubjectKind granularity,
    Map<String, String> mappings,
    String url,
    Map<String, String> headers,
    Long timeoutMs) implements EvaluatorSpec {

  public HttpSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    granularity = granularity == null ? SubjectKind.SPAN : granularity;
    mappings = mappings == null ? Map.of() : Map.copyOf(mappings);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    timeoutMs = timeoutMs == null ? 30_000L : timeoutMs;
  }

  @Override
  public EvaluatorKind kind() {
    return EvaluatorKind.HTTP;
  }
}
