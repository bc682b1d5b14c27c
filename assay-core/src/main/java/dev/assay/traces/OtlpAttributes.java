package dev.assay.traces;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP attribute lists as a flat map ready for JSON: nested key-value lists become dotted keys
 * ({@code metadata.user.tier}), arrays stay arrays, bytes become base64 text. NUL characters are
 * removed from keys and strings because PostgreSQL rejects them in text and JSONB.
 */
final class OtlpAttributes {
  private OtlpAttributes() {}

  /** The attributes flattened; a later duplicate key replaces an earlier one; unset values are left out. */
  static Map<String, Object> flatten(List<KeyValue> attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeyValue kv : attributes) {
      put(out, clean(kv.getKey()), kv.getValue());
    }
    return out;
  }

  /** The text without NUL characters; null stays null. */
  static String clean(String text) {
    return text == null || text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
  }

  private static void put(Map<String, Object> out, String key, AnyValue value) {
    if (value.hasKvlistValue()) {
      for (KeyValue kv : value.getKvlistValue().getValuesList()) {
        put(out, key + "." + clean(kv.getKey()), kv.getValue());
      }
      return;
    }
    Object plain = plain(value);
    if (plain != null) {
      out.put(key, plain);
    }
  }

  private static Object plain(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> clean(value.getStringValue());
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE -> {
        List<Object> items = new ArrayList<>(value.getArrayValue().getValuesCount());
        for (AnyValue item : value.getArrayValue().getValuesList()) {
          items.add(item.hasKvlistValue() ? flatten(item.getKvlistValue().getValuesList()) : plain(item));
        }
        yield items;
      }
      case KVLIST_VALUE -> flatten(value.getKvlistValue().getValuesList());
      default -> null; // unset, or a kind newer than this mapping (e.g. a string-table index)
    };
  }
}
