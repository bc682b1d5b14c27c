package dev.assay.examples.tracesdemo;

import java.util.List;
import java.util.Map;

/** Just enough JSON writing for attribute values (the example keeps its dependencies to the OTel SDK). */
final class Json {
  private Json() {}

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** An object from alternating keys and values; values are written as numbers, booleans, nested JSON or strings. */
  static String object(Object... keysAndValues) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (i > 0) {
        b.append(',');
      }
      b.append(quote(keysAndValues[i].toString())).append(':').append(value(keysAndValues[i + 1]));
    }
    return b.append('}').toString();
  }

  static String array(List<?> items) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(value(items.get(i)));
    }
    return b.append(']').toString();
  }

  /** Already-written JSON, embedded as is. */
  record Raw(String json) {}

  private static String value(Object v) {
    return switch (v) {
      case null -> "null";
      case Number n -> n.toString();
      case Boolean bool -> bool.toString();
      case Raw raw -> raw.json();
      case List<?> list -> array(list);
      case Map<?, ?> map -> object(map.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray());
      default -> quote(v.toString());
    };
  }
}
