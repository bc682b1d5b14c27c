package dev.assay.cli.ci;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} in header values, so a secret stays in the environment (a CI secret) instead of assay.yaml.
 * An unset variable is a config error rather than an empty header sent silently.
 */
final class Env {
  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private Env() {}

  /** Set by the command before loading (tests pass their own). */
  static volatile Map<String, String> source = System.getenv();

  static Map<String, String> expand(YamlTree yaml, String pointer, Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((key, value) -> {
      Matcher m = VAR.matcher(value);
      var sb = new StringBuilder();
      boolean ok = true;
      while (m.find()) {
        String v = source.get(m.group(1));
        if (v == null) {
          yaml.error(pointer + "/" + YamlTree.escape(key), YamlTree.path(pointer) + "." + key + " uses ${"
              + m.group(1) + "}, which is not set");
          ok = false;
          v = "";
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(v));
      }
      m.appendTail(sb);
      if (ok) {
        out.put(key, sb.toString());
      }
    });
    return out;
  }
}
