package dev.assay.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps untrusted values inside the fences a judge template puts around them. Templates wrap each value in an
 * XML-like tag ({@code <output>{output}</output>}) and tell the judge that what is inside is data; a value that
 * itself contains {@code </output>} could otherwise close the fence early and have the rest read as
 * instructions. So in each value, an opening or closing tag with one of the template's tag names gets its
 * {@code <} written as {@code &lt;} — the only change made to a value.
 */
final class PromptFences {
  private static final Pattern TAG = Pattern.compile("</?([A-Za-z][A-Za-z0-9_-]{0,63})>");

  private final Pattern breakout;

  private PromptFences(Pattern breakout) {
    this.breakout = breakout;
  }

  /** The fences of a template: every tag name its messages use. */
  static PromptFences of(List<TemplateMessage> messages) {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (TemplateMessage message : messages) {
      Matcher m = TAG.matcher(message.content());
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    if (names.isEmpty()) {
      return new PromptFences(null);
    }
    StringBuilder alternatives = new StringBuilder();
    for (String name : names) {
      alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(name));
    }
    return new PromptFences(Pattern.compile("<(\\s*/?\\s*(?:" + alternatives + ")(?![A-Za-z0-9_-]))",
        Pattern.CASE_INSENSITIVE));
  }

  /** The values with fence tags inside them defused; other text untouched. */
  Map<String, String> neutralise(Map<String, String> values) {
    if (breakout == null) {
      return values;
    }
    Map<String, String> safe = new LinkedHashMap<>();
    values.forEach((name, value) -> safe.put(name, value == null ? null : neutralise(value)));
    return safe;
  }

  String neutralise(String value) {
    return breakout == null || value.indexOf('<') < 0 ? value : breakout.matcher(value).replaceAll("&lt;$1");
  }
}
