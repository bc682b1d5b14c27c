package dev.assay.eval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Structural comparison of parsed JSON values (maps, lists, strings, numbers, booleans, null). */
final class JsonCompare {
  private JsonCompare() {}

  /** The differing leaf paths of two JSON values and the number of leaf paths in either. */
  record Distance(List<String> differing, int total) {
    double similarity() {
      return total == 0 ? 1.0 : 1.0 - (double) differing.size() / total;
    }
  }

  /**
   * Compares leaf by leaf: every path to a primitive (or to an empty object or array) in either value counts once;
   * it differs when it is missing on one side or its values are not equal (numbers by value: 1 equals 1.0).
   */
  static Distance distance(Object a, Object b) {
    Map<String, Object> left = new LinkedHashMap<>();
    Map<String, Object> right = new LinkedHashMap<>();
    leaves("$", a, left);
    leaves("$", b, right);
    Set<String> all = new LinkedHashSet<>(left.keySet());
    all.addAll(right.keySet());
    List<String> differing = new ArrayList<>();
    for (String path : all) {
      if (!left.containsKey(path) || !right.containsKey(path) || !equal(left.get(path), right.get(path))) {
        differing.add(path);
      }
    }
    return new Distance(differing, all.size());
  }

  private static void leaves(String path, Object value, Map<String, Object> out) {
    if (value instanceof Map<?, ?> m && !m.isEmpty()) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        leaves(path + "." + e.getKey(), e.getValue(), out);
      }
    } else if (value instanceof List<?> l && !l.isEmpty()) {
      for (int i = 0; i < l.size(); i++) {
        leaves(path + "[" + i + "]", l.get(i), out);
      }
    } else {
      out.put(path, value);
    }
  }

  /** True when {@code expected} is contained in {@code actual}: objects by their keys, lists and leaves by equality. */
  static boolean contains(Object actual, Object expected) {
    if (expected instanceof Map<?, ?> em) {
      if (!(actual instanceof Map<?, ?> am)) {
        return false;
      }
      for (Map.Entry<?, ?> e : em.entrySet()) {
        if (!am.containsKey(e.getKey()) || !contains(am.get(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof List<?> el) {
      if (!(actual instanceof List<?> al) || al.size() != el.size()) {
        return false;
      }
      for (int i = 0; i < el.size(); i++) {
        if (!contains(al.get(i), el.get(i))) {
          return false;
        }
      }
      return true;
    }
    return equal(actual, expected);
  }

  static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    if (a instanceof Map<?, ?> || a instanceof List<?>) {
      return contains(a, b) && contains(b, a);
    }
    return Objects.equals(a, b);
  }
}
