package dev.assay.prompts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.eval.TemplateRenderer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills a prompt message's variables. {@link TemplateFormat#MUSTACHE}: {@code {{name}}}, {@code {{ name }}} and
 * {@code {{{name}}}}; {@link TemplateFormat#F_STRING} (and NONE): {@code {name}}, with {@code {{} and {@code }}} for
 * literal braces. Names are identifiers, optionally dotted ({@code user.name}): a dotted name is looked up as a key
 * first, then as a path into object (and list) values. Anything else between braces (JSON, mustache sections) is
 * kept as written, so rendering never fails; a variable without a value is kept as written and reported missing.
 *
 * <p>One pass over the template: a value is inserted verbatim and never scanned again, so a value holding
 * {@code {other}} cannot pull another variable in.
 */
final class PromptTemplates {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PromptTemplates() {}

  /**
   * Renders {@code text}, adding every variable it uses to {@code used} and those without a value to {@code missing}.
   * With {@code values} null only collects the names and returns the text unchanged.
   */
  static String render(TemplateFormat format, String text, Map<String, ?> values, Set<String> used,
      Set<String> missing) {
    if (text == null) {
      return null;
    }
    return format == TemplateFormat.MUSTACHE ? mustache(text, values, used, missing)
        : fString(text, values, used, missing);
  }

  private static String mustache(String text, Map<String, ?> values, Set<String> used, Set<String> missing) {
    StringBuilder out = new StringBuilder(text.length() + 64);
    int i = 0;
    int n = text.length();
    while (i < n) {
      int open = text.indexOf("{{", i);
      if (open < 0) {
        out.append(text, i, n);
        break;
      }
      out.append(text, i, open);
      boolean triple = text.startsWith("{{{", open);
      String closer = triple ? "}}}" : "}}";
      int start = open + (triple ? 3 : 2);
      int close = text.indexOf(closer, start);
      String name = close < 0 ? null : text.substring(start, close).strip();
      if (name == null || !isName(name)) {
        out.append("{{"); // not a variable (a section, a comment, stray braces): kept as written
        i = open + 2;
        continue;
      }
      int end = close + closer.length();
      substitute(out, text.substring(open, end), name, values, used, missing);
      i = end;
    }
    return out.toString();
  }

  private static String fString(String text, Map<String, ?> values, Set<String> used, Set<String> missing) {
    StringBuilder out = new StringBuilder(text.length() + 64);
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '{' && i + 1 < n && text.charAt(i + 1) == '{') {
        out.append('{');
        i += 2;
      } else if (c == '}' && i + 1 < n && text.charAt(i + 1) == '}') {
        out.append('}');
        i += 2;
      } else if (c == '{') {
        int close = text.indexOf('}', i + 1);
        String name = close < 0 ? null : text.substring(i + 1, close);
        if (name == null || !isName(name)) {
          out.append('{'); // JSON or other text: a literal brace
          i++;
          continue;
        }
        substitute(out, text.substring(i, close + 1), name, values, used, missing);
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static void substitute(StringBuilder out, String written, String name, Map<String, ?> values,
      Set<String> used, Set<String> missing) {
    used.add(name);
    if (values == null) {
      out.append(written);
      return;
    }
    Object value = lookup(values, name);
    if (value == null) {
      missing.add(name);
      out.append(written);
    } else {
      out.append(text(value));
    }
  }

  /** The value of {@code name}: the key itself, else a path of keys (and list indexes) into nested values. */
  static Object lookup(Map<String, ?> values, String name) {
    if (values.containsKey(name) || name.indexOf('.') < 0) {
      return values.get(name);
    }
    Object current = values;
    for (String part : name.split("\\.")) {
      if (current instanceof Map<?, ?> map) {
        current = map.get(part);
      } else if (current instanceof List<?> list && part.chars().allMatch(Character::isDigit) && part.length() < 9) {
        int index = Integer.parseInt(part);
        current = index < list.size() ? list.get(index) : null;
      } else {
        return null;
      }
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /** Text as is; numbers and booleans as written; objects and lists as JSON. */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  /** An identifier or a dotted path of them; the judge templates' rule, so both template kinds name alike. */
  static boolean isName(String name) {
    return TemplateRenderer.isName(name);
  }
}
