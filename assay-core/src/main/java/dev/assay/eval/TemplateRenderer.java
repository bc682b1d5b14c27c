package dev.assay.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders judge chat templates written as f-strings: {@code {name}} is replaced by the variable's value,
 * {@code {{} and {@code }}} are literal braces. Rendering is a single pass over the template, so a value is
 * inserted verbatim and is never scanned again: span content holding {@code {reference}} stays that text and
 * cannot pull another variable into the prompt.
 *
 * <p>Placeholder names are identifiers, optionally dotted ({@code attributes.llm.model_name}); anything else
 * between braces (JSON, for example) is a syntax error that asks for doubled braces.
 */
public final class TemplateRenderer {

  private TemplateRenderer() {}

  /**
   * The placeholder names of a template, in first-use order.
   *
   * @throws IllegalArgumentException naming the offset when a brace is unmatched or a name is not an identifier
   */
  public static Set<String> placeholders(String template) {
    Set<String> names = new LinkedHashSet<>();
    scan(template, names::add, null);
    return names;
  }

  /** The placeholder names used across all messages, in first-use order. */
  public static Set<String> placeholders(List<TemplateMessage> messages) {
    Set<String> names = new LinkedHashSet<>();
    for (TemplateMessage message : messages) {
      names.addAll(placeholders(message.content()));
    }
    return names;
  }

  /**
   * Renders one template.
   *
   * @throws UnboundVariableException when a placeholder has no value (null counts as none)
   * @throws IllegalArgumentException when the template itself is malformed
   */
  public static String render(String template, Map<String, String> values) throws UnboundVariableException {
    StringBuilder out = new StringBuilder(template.length() + 256);
    String missing = scan(template, null, new Sink(out, values));
    if (missing != null) {
      throw new UnboundVariableException(missing, "the template uses {" + missing + "} but no value was bound");
    }
    return out.toString();
  }

  /** Renders every message; roles are kept. */
  public static List<TemplateMessage> render(List<TemplateMessage> messages, Map<String, String> values)
      throws UnboundVariableException {
    List<TemplateMessage> rendered = new ArrayList<>(messages.size());
    for (TemplateMessage message : messages) {
      rendered.add(new TemplateMessage(message.role(), render(message.content(), values)));
    }
    return rendered;
  }

  private record Sink(StringBuilder out, Map<String, String> values) {}

  private interface NameConsumer {
    void accept(String name);
  }

  /** One pass: reports names to {@code names}, or writes the rendering to {@code sink}; returns a missing name. */
  private static String scan(String template, NameConsumer names, Sink sink) {
    int n = template.length();
    int i = 0;
    while (i < n) {
      char c = template.charAt(i);
      if (c == '{') {
        if (i + 1 < n && template.charAt(i + 1) == '{') {
          append(sink, '{');
          i += 2;
          continue;
        }
        int close = template.indexOf('}', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("unmatched '{' at offset " + i + "; write '{{' for a literal brace");
        }
        String name = template.substring(i + 1, close);
        if (!isName(name)) {
          throw new IllegalArgumentException("'{" + abbreviate(name) + "}' at offset " + i
              + " is not a variable placeholder (a name such as {input}); write '{{' and '}}' for literal braces");
        }
        if (names != null) {
          names.accept(name);
        }
        if (sink != null) {
          String value = sink.values().get(name);
          if (value == null) {
            return name;
          }
          sink.out().append(value);
        }
        i = close + 1;
      } else if (c == '}') {
        if (i + 1 < n && template.charAt(i + 1) == '}') {
          append(sink, '}');
          i += 2;
          continue;
        }
        throw new IllegalArgumentException("unmatched '}' at offset " + i + "; write '}}' for a literal brace");
      } else {
        append(sink, c);
        i++;
      }
    }
    return null;
  }

  private static void append(Sink sink, char c) {
    if (sink != null) {
      sink.out().append(c);
    }
  }

  /** An identifier or a dotted path of them (later segments may be list indexes). */
  public static boolean isName(String name) {
    if (name.isEmpty() || name.length() > 200) {
      return false;
    }
    boolean segmentStart = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '.') {
        if (segmentStart) {
          return false;
        }
        segmentStart = true;
        continue;
      }
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      boolean digit = c >= '0' && c <= '9';
      if (!(letter || digit) || (segmentStart && digit && i == 0)) {
        return false;
      }
      segmentStart = false;
    }
    return !segmentStart;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
