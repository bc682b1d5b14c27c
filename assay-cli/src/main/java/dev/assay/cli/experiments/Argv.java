package dev.assay.cli.experiments;

import dev.assay.cli.CliException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code --command "python3 app.py --x 'a b'"} string into argv the way a POSIX shell splits words, and
 * nothing more: single and double quotes group, a backslash escapes the next character; no variables, globs, pipes
 * or redirections, because the command runs without a shell.
 */
final class Argv {
  private Argv() {}

  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\\') {
        if (++i == line.length()) {
          throw CliException.usage("--command ends with a lone backslash: " + line);
        }
        word.append(line.charAt(i));
        inWord = true;
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw CliException.usage("--command has an unclosed " + quote + " quote: " + line);
    }
    if (inWord) {
      out.add(word.toString());
    }
    return out;
  }
}
