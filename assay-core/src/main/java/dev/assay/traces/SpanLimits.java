package dev.assay.traces;

import dev.assay.config.SecuritySettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much of one ingested span is kept. Span content is untrusted and one OTLP request may carry up to
 * {@code ASSAY_MAX_REQUEST_BYTES}; without these bounds a single span could fill a row with a 30 MB attribute or
 * millions of tiny events that every read of the span then pays for.
 *
 * <ul>
 *   <li>Attribute values (strings, also inside arrays and nested lists; event attribute values too) longer than
 *       {@code maxAttributeBytes} UTF-8 bytes ({@code ASSAY_MAX_ATTRIBUTE_BYTES}, default 1 MiB) are cut at a
 *       character boundary; their keys are listed in the attribute {@value #TRUNCATED}. The span name and status
 *       message are cut the same way (listed as {@code span.name} / {@code span.status_message}).</li>
 *   <li>At most {@value #MAX_ATTRIBUTES} attributes per span (after flattening nested key-value lists; OpenInference
 *       LLM spans carry a few hundred), the first ones kept; the number dropped is {@value #DROPPED_ATTRIBUTES}.</li>
 *   <li>At most {@value #MAX_EVENTS} events per span and {@value #MAX_EVENT_ATTRIBUTES} attributes per event; the
 *       number of events dropped is {@value #DROPPED_EVENTS}.</li>
 *   <li>Links are not stored at all, so they need no bound beyond the request size.</li>
 * </ul>
 *
 * @param maxAttributeBytes longest value kept in full, in UTF-8 bytes
 */
public record SpanLimits(long maxAttributeBytes) {
  public static final int MAX_ATTRIBUTES = 1_000;
  public static final int MAX_EVENTS = 1_000;
  public static final int MAX_EVENT_ATTRIBUTES = 128;
  /** The attribute listing the keys whose values were truncated. */
  public static final String TRUNCATED = "assay.truncated_attributes";
  public static final String DROPPED_ATTRIBUTES = "assay.dropped_attributes_count";
  public static final String DROPPED_EVENTS = "assay.dropped_events_count";

  public SpanLimits {
    if (maxAttributeBytes < 1) {
      throw new IllegalArgumentException("maxAttributeBytes must be positive, got " + maxAttributeBytes);
    }
  }

  public static SpanLimits defaults() {
    return new SpanLimits(SecuritySettings.DEFAULT_MAX_ATTRIBUTE_BYTES);
  }

  public static SpanLimits of(SecuritySettings security) {
    return new SpanLimits(security.maxAttributeBytes());
  }

  /**
   * Cuts the span's flattened attributes in place: drops those beyond {@link #MAX_ATTRIBUTES}, truncates long
   * values (adding each key to {@code truncated}), and returns how many were dropped.
   */
  int apply(Map<String, Object> attributes, String prefix, int maxCount, List<String> truncated) {
    int dropped = 0;
    int kept = 0;
    for (Iterator<Map.Entry<String, Object>> it = attributes.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Object> e = it.next();
      if (kept >= maxCount) {
        it.remove();
        dropped++;
        continue;
      }
      kept++;
      boolean[] cut = {false};
      Object value = cut(e.getValue(), cut);
      if (cut[0]) {
        e.setValue(value);
        truncated.add(prefix + e.getKey());
      }
    }
    return dropped;
  }

  /** {@code text} cut to {@link #maxAttributeBytes} UTF-8 bytes, or itself when it fits; null stays null. */
  public String truncate(String text) {
    if (text == null || (long) text.length() * 3 <= maxAttributeBytes) { // returns the same instance when it fits
      return text; // no string of n chars takes more than 3n UTF-8 bytes (a surrogate pair is 2 chars for 4 bytes)
    }
    long bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > maxAttributeBytes) {
        return text.substring(0, i);
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    return text;
  }

  /** The value with long strings cut (the same object when nothing was), setting {@code cut[0]} when something was. */
  private Object cut(Object value, boolean[] cut) {
    return switch (value) {
      case String s -> {
        String t = truncate(s);
        if (t != s) {
          cut[0] = true;
        }
        yield t;
      }
      case List<?> list -> {
        List<Object> out = null;
        for (int i = 0; i < list.size(); i++) {
          Object item = list.get(i);
          Object c = cut(item, cut);
          if (c != item && out == null) {
            out = new ArrayList<>(list);
          }
          if (out != null) {
            out.set(i, c);
          }
        }
        yield out == null ? list : out;
      }
      case Map<?, ?> map -> {
        Map<Object, Object> out = null;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          Object c = cut(e.getValue(), cut);
          if (c != e.getValue() && out == null) {
            out = new LinkedHashMap<>(map);
          }
          if (out != null) {
            out.put(e.getKey(), c);
          }
        }
        yield out == null ? map : out;
      }
      case null, default -> value;
    };
  }
}
