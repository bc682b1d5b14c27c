package dev.assay.traces;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Previews of large values. Large values are stored whole, but list views read only a preview: at ingest
 * every string attribute value longer than {@link #MAX_CHARS} characters (code points, as SQL counts them)
 * is cut to that length in {@code spans.attributes}, and the whole values of those keys go to
 * {@code spans.large_attributes}. List reads cut {@code input_value}/{@code output_value} to the same length
 * in SQL and never read {@code large_attributes}; reading one span merges them back.
 *
 * <p>Which keys a preview holds cut is computed on read: the string values exactly {@link #MAX_CHARS} long.
 * A value that was exactly that long to begin with is reported too; the only consequence is that a client
 * fetches the whole span once more than needed, which is cheaper than storing the list.
 */
public final class SpanPreview {
  /** The preview length of a value, in characters (Unicode code points). */
  public static final int MAX_CHARS = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private SpanPreview() {}

  /** True when the text is longer than the preview length. */
  public static boolean isLong(String text) {
    return text != null && text.length() > MAX_CHARS && text.codePointCount(0, text.length()) > MAX_CHARS;
  }

  /** The text cut to {@link #MAX_CHARS} code points (never inside a surrogate pair); short text as is. */
  public static String cut(String text) {
    return isLong(text) ? text.substring(0, text.offsetByCodePoints(0, MAX_CHARS)) : text;
  }

  /** True when the text has exactly the preview length, i.e. may be a cut value. */
  public static boolean isAtPreviewLength(String text) {
    return text != null && text.length() >= MAX_CHARS && text.codePointCount(0, text.length()) == MAX_CHARS;
  }

  /**
   * Cuts the long top-level string values of the (mutable) attribute map in place.
   *
   * @return the whole values of the keys cut, in map order; empty when nothing was cut
   */
  static Map<String, Object> cutLongValues(Map<String, Object> attributes) {
    Map<String, Object> whole = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      if (e.getValue() instanceof String s && isLong(s)) {
        whole.put(e.getKey(), s);
        e.setValue(cut(s));
      }
    }
    return whole;
  }

  /**
   * The keys of a stored attribute object whose string values have the preview length ({@link #isAtPreviewLength}). Text shorter
   * than the preview length cannot hold one, so most spans are answered without parsing.
   */
  public static List<String> cutKeys(String attributesJson) {
    if (attributesJson == null || attributesJson.length() < MAX_CHARS) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(attributesJson)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return List.of();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          if (p.getTextLength() >= MAX_CHARS && isAtPreviewLength(p.getText())) {
            keys.add(key);
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("stored attributes are not a JSON object", e);
    }
    return keys;
  }

  /**
   * The stored attributes with the whole values put back: those of {@code large_attributes}, and
   * {@code input.value} / {@code output.value} from their columns, which hold them whole (ingest does not store
   * them twice). Attributes with nothing cut are returned unchanged, without parsing.
   */
  public static String merge(String attributesJson, String largeAttributesJson, String inputValue, String outputValue) {
    boolean inputCut = isLong(inputValue);
    boolean outputCut = isLong(outputValue);
    boolean hasLarge = largeAttributesJson != null && !largeAttributesJson.isBlank();
    if (!hasLarge && !inputCut && !outputCut) {
      return attributesJson;
    }
    try {
      Map<String, Object> attributes = JSON.readValue(attributesJson, MAP);
      if (hasLarge) {
        attributes.putAll(JSON.readValue(largeAttributesJson, MAP));
      }
      restore(attributes, "input.value", inputValue, inputCut);
      restore(attributes, "output.value", outputValue, outputCut);
      return JSON.writeValueAsString(attributes);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("stored attributes are not JSON objects", e);
    }
  }

  /** Puts a column's whole value back where the attribute holds its preview (the same text, cut). */
  private static void restore(Map<String, Object> attributes, String key, String whole, boolean cut) {
    if (cut && attributes.get(key) instanceof String preview && whole.startsWith(preview)) {
      attributes.put(key, whole);
    }
  }
}
