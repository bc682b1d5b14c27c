package dev.assay.eval;

import dev.assay.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a code check's static parameters, with messages that name the check and the parameter. */
record CodeParams(CodeCheck check, Map<String, Object> params) {

  String string(String name, boolean required) {
    Object v = params.get(name);
    if (v == null || v instanceof String s && s.isEmpty()) {
      if (required) {
        throw missing(name, "a string");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw bad(name, "a string", v);
    }
    return s;
  }

  boolean bool(String name, boolean fallback) {
    Object v = params.get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw bad(name, "true or false", v);
  }

  Double number(String name, boolean required) {
    Object v = params.get(name);
    if (v == null) {
      if (required) {
        throw missing(name, "a number");
      }
      return null;
    }
    double d;
    if (v instanceof Number n) {
      d = n.doubleValue();
    } else if (v instanceof String s) {
      try {
        d = Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        throw bad(name, "a number", v);
      }
    } else {
      throw bad(name, "a number", v);
    }
    if (!Double.isFinite(d)) {
      throw bad(name, "a finite number", v);
    }
    return d;
  }

  /** A list of non-empty strings: a JSON array, or one string split at commas. */
  List<String> strings(String name) {
    Object v = params.get(name);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw bad(name, "a list of strings", v);
        }
        if (!s.isBlank()) {
          out.add(s);
        }
      }
    } else if (v instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    } else if (v != null) {
      throw bad(name, "a list of strings", v);
    }
    if (out.isEmpty()) {
      throw missing(name, "a non-empty list of strings");
    }
    return out;
  }

  /** A JSON value given either as JSON (object, array) or as JSON text. */
  Object json(String name) {
    Object v = params.get(name);
    if (v == null) {
      throw missing(name, "a JSON value");
    }
    if (v instanceof String s) {
      Object parsed = EvalJson.parseOrNull(s);
      if (parsed == null && !s.strip().equals("null")) {
        throw bad(name, "JSON (an object, or its JSON text)", s.length() > 80 ? s.substring(0, 80) + "…" : s);
      }
      return parsed;
    }
    return v;
  }

  InvalidInputException missing(String name, String what) {
    return new InvalidInputException(check + " needs spec.params." + name + " (" + what + ")");
  }

  InvalidInputException bad(String name, String what, Object got) {
    return new InvalidInputException(check + ": spec.params." + name + " must be " + what + ", got " + got);
  }
}
