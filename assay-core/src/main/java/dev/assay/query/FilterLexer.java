package dev.assay.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits filter text into tokens; every token keeps its 1-based column for error messages. */
final class FilterLexer {
  enum Kind { FIELD, KEYWORD, STRING, NUMBER, OPERATOR, LPAREN, RPAREN, COMMA, END }

  /**
   * One token. {@code text} is the source spelling (keywords upper-cased, strings unescaped); a FIELD's
   * {@code segments} are its dot-separated parts with quoted parts unquoted.
   */
  record Token(Kind kind, String text, List<String> segments, int column) {
    /** How an error message shows this token. */
    String describe() {
      String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
      return switch (kind) {
        case END -> "end of input";
        case STRING -> "string '" + shown.replace("'", "''") + "'";
        case NUMBER -> "number " + shown;
        default -> "'" + shown + "'";
      };
    }

    boolean is(Kind k, String spelling) {
      return kind == k && text.equals(spelling);
    }
  }

  private static final List<String> KEYWORDS =
      List.of("AND", "OR", "NOT", "IN", "CONTAINS", "LIKE", "IS", "NULL", "TRUE", "FALSE");

  private final String text;
  private int pos;

  private FilterLexer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String text) {
    FilterLexer lexer = new FilterLexer(text);
    List<Token> out = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      out.add(t);
    } while (t.kind() != Kind.END);
    return out;
  }

  private Token next() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    int start = pos;
    if (pos >= text.length()) {
      return token(Kind.END, "", start);
    }
    char c = text.charAt(pos);
    switch (c) {
      case '(' -> {
        pos++;
        return token(Kind.LPAREN, "(", start);
      }
      case ')' -> {
        pos++;
        return token(Kind.RPAREN, ")", start);
      }
      case ',' -> {
        pos++;
        return token(Kind.COMMA, ",", start);
      }
      case '\'' -> {
        return token(Kind.STRING, quoted('\''), start);
      }
      case '=', '!', '<', '>' -> {
        return operator(start);
      }
      default -> { }
    }
    if (Character.isDigit(c) || ((c == '-' || c == '.') && pos + 1 < text.length() && startsNumber(pos + 1, c))) {
      return number(start);
    }
    if (isWordStart(c)) {
      return field(start);
    }
    throw new FilterParseException(start + 1, "a field, value, operator or parenthesis", "'" + c + "'");
  }

  private boolean startsNumber(int at, char first) {
    char d = text.charAt(at);
    return Character.isDigit(d) || (first == '-' && d == '.' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1)));
  }

  private Token operator(int start) {
    for (String op : List.of("<=", ">=", "!=", "<>", "==", "=", "<", ">")) {
      if (text.startsWith(op, pos)) {
        pos += op.length();
        return token(Kind.OPERATOR, op, start);
      }
    }
    throw new FilterParseException(start + 1, "an operator such as = or !=", "'" + text.charAt(pos) + "'");
  }

  private Token number(int start) {
    if (text.charAt(pos) == '-') {
      pos++;
    }
    digits();
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      digits();
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      int before = pos;
      digits();
      if (pos == before) {
        throw new FilterParseException(pos + 1, "digits of the exponent", describeAt(pos));
      }
    }
    if (pos < text.length() && isWordStart(text.charAt(pos))) {
      throw new FilterParseException(pos + 1, "a space or operator after the number", describeAt(pos));
    }
    return token(Kind.NUMBER, text.substring(start, pos), start);
  }

  private void digits() {
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
  }

  /** A bare word (keyword or field) or a dotted path whose later segments may be double-quoted. */
  private Token field(int start) {
    List<String> segments = new ArrayList<>();
    segments.add(word());
    while (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      if (pos < text.length() && text.charAt(pos) == '"') {
        int open = pos;
        String key = quoted('"');
        if (key.isEmpty()) { // attributes."" would name no key (and broke Field.Attribute's check: a 500)
          throw new FilterParseException(open + 1, "a key inside the double quotes", "\"\"");
        }
        segments.add(key);
      } else if (pos < text.length() && isWordPart(text.charAt(pos))) {
        segments.add(word());
      } else {
        throw new FilterParseException(pos + 1, "a key after '.'", describeAt(pos));
      }
    }
    String spelled = text.substring(start, pos);
    if (segments.size() == 1 && KEYWORDS.contains(spelled.toUpperCase(Locale.ROOT))) {
      return new Token(Kind.KEYWORD, spelled.toUpperCase(Locale.ROOT), segments, start + 1);
    }
    return new Token(Kind.FIELD, spelled, List.copyOf(segments), start + 1);
  }

  private String word() {
    int start = pos;
    while (pos < text.length() && isWordPart(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  /** A quoted run starting at {@code pos}; a doubled quote stands for one. */
  private String quoted(char quote) {
    int open = pos;
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        if (pos < text.length() && text.charAt(pos) == quote) {
          out.append(quote);
          pos++;
        } else {
          return out.toString();
        }
      } else {
        out.append(c);
      }
    }
    throw new FilterParseException(open + 1, "a closing " + quote + " for the quote opened here", "end of input");
  }

  private String describeAt(int at) {
    return at >= text.length() ? "end of input" : "'" + text.charAt(at) + "'";
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private static Token token(Kind kind, String text, int start) {
    return new Token(kind, text, List.of(), start + 1);
  }
}
