package dev.assay.cli.ci;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML document as a Jackson tree plus where each node was written, so a config reader can say
 * {@code assay.yaml:12:5: …} about a value the tree alone cannot place. Errors are collected rather than thrown
 * one by one, so a person sees every mistake of a file at once.
 */
final class YamlTree {
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final String fileName;
  private final JsonNode root;
  private final Map<String, JsonLocation> locations;
  private final List<String> errors = new ArrayList<>();

  private YamlTree(String fileName, JsonNode root, Map<String, JsonLocation> locations) {
    this.fileName = fileName;
    this.root = root;
    this.locations = locations;
  }

  /**
   * Parses {@code text}; a syntax error (or a duplicate key) is a {@link EvalConfigException} naming its line.
   */
  static YamlTree parse(String fileName, String text) {
    JsonNode root;
    try (JsonParser parser = YAML.getFactory().createParser(text)) {
      root = YAML.readTree(parser);
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        throw new EvalConfigException(List.of(fileName + ":" + at.getLineNr() + ":" + at.getColumnNr()
            + ": only one YAML document is allowed"));
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? fileName + ":1:1" : fileName + ":" + at.getLineNr() + ":" + at.getColumnNr();
      // SnakeYAML's message is "while parsing …" + an indented excerpt + "expected …, but found …": keep the
      // unindented lines, which say what is wrong.
      String message = String.join(": ", e.getOriginalMessage().lines()
          .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).toList());
      message = message.isEmpty() ? "invalid YAML" : message;
      throw new EvalConfigException(List.of(where + ": " + message));
    } catch (IOException e) {
      throw new EvalConfigException(List.of(fileName + ": cannot read: " + e.getMessage()));
    }
    return new YamlTree(fileName, root, index(text));
  }

  /** Pointer → location of the key that introduces the value (object members) or of the value (array items). */
  private static Map<String, JsonLocation> index(String text) {
    Map<String, JsonLocation> out = new HashMap<>();
    record Frame(String pointer, boolean array, int[] index, String[] key, JsonLocation[] keyAt) {}
    Deque<Frame> stack = new ArrayDeque<>();
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          stack.peek().key()[0] = p.currentName();
          stack.peek().keyAt()[0] = p.currentTokenLocation();
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.pop();
          continue;
        }
        String pointer;
        JsonLocation at = p.currentTokenLocation();
        Frame parent = stack.peek();
        if (parent == null) {
          pointer = "";
        } else if (parent.array()) {
          pointer = parent.pointer() + "/" + (++parent.index()[0]);
        } else {
          pointer = parent.pointer() + "/" + escape(parent.key()[0]);
          at = parent.keyAt()[0];
        }
        out.putIfAbsent(pointer, at);
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          stack.push(new Frame(pointer, t == JsonToken.START_ARRAY, new int[] {-1}, new String[1],
              new JsonLocation[1]));
        }
      }
    } catch (IOException e) {
      // The tree parsed, so this cannot happen; without locations messages fall back to the file name.
    }
    return out;
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  JsonNode root() {
    return root;
  }

  String fileName() {
    return fileName;
  }

  /** Records an error at the node {@code pointer} (its nearest located ancestor when it has no location). */
  void error(String pointer, String message) {
    errors.add(where(pointer) + ": " + message);
  }

  String where(String pointer) {
    String p = pointer;
    while (true) {
      JsonLocation at = locations.get(p);
      if (at != null) {
        return fileName + ":" + at.getLineNr() + ":" + at.getColumnNr();
      }
      if (p.isEmpty()) {
        return fileName + ":1:1"; // an empty document has no node to point at: its start
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  List<String> errors() {
    return List.copyOf(errors);
  }

  /** A human path for messages: {@code /evaluators/2/threshold} → {@code evaluators[2].threshold}. */
  static String path(String pointer) {
    var sb = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String key = part.replace("~1", "/").replace("~0", "~");
      if (key.chars().allMatch(Character::isDigit)) {
        sb.append('[').append(key).append(']');
      } else {
        sb.append(sb.isEmpty() ? "" : ".").append(key);
      }
    }
    return sb.toString();
  }

  // --- typed reads: each records an error and returns null when the node is there but wrong ---

  /** Flags keys of the mapping at {@code pointer} that are not in {@code allowed}, suggesting the closest. */
  void onlyKeys(JsonNode node, String pointer, Collection<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        String hint = closest(key, allowed);
        error(pointer + "/" + escape(key), "unknown key '" + key + "' in " + describe(pointer)
            + (hint == null ? "; allowed: " + String.join(", ", allowed) : " (did you mean '" + hint + "'?)"));
      }
    }
  }

  private static String describe(String pointer) {
    return pointer.isEmpty() ? "the top level" : path(pointer);
  }

  String text(JsonNode parent, String pointer, String key, boolean required) {
    JsonNode node = parent.get(key);
    String at = pointer + "/" + escape(key);
    if (node == null || node.isNull()) {
      if (required) {
        error(pointer, describe(pointer) + " needs '" + key + "'");
      }
      return null;
    }
    if (!node.isValueNode() || node.isBinary()) {
      error(at, path(at) + " must be text, got " + kind(node));
      return null;
    }
    String value = node.asText();
    if (value.isBlank()) {
      error(at, path(at) + " must not be empty");
      return null;
    }
    return value;
  }

  Double number(JsonNode parent, String pointer, String key, double min, double max) {
    JsonNode node = parent.get(key);
    String at = pointer + "/" + escape(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      error(at, path(at) + " must be a number, got " + kind(node));
      return null;
    }
    double d = node.asDouble();
    if (!(d >= min && d <= max)) {
      error(at, path(at) + " must be between " + plain(min) + " and " + plain(max) + ", got " + node.asText());
      return null;
    }
    return d;
  }

  Integer integer(JsonNode parent, String pointer, String key, int min, int max) {
    JsonNode node = parent.get(key);
    String at = pointer + "/" + escape(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
      error(at, path(at) + " must be a whole number from " + min + " to " + max + ", got " + node.asText());
      return null;
    }
    return node.asInt();
  }

  Boolean bool(JsonNode parent, String pointer, String key) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      String at = pointer + "/" + escape(key);
      error(at, path(at) + " must be true or false, got " + kind(node));
      return null;
    }
    return node.asBoolean();
  }

  /** A list of texts; one text is a list of one. */
  List<String> texts(JsonNode parent, String pointer, String key) {
    JsonNode node = parent.get(key);
    String at = pointer + "/" + escape(key);
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (node.isValueNode()) {
      out.add(node.asText());
      return out;
    }
    if (!node.isArray()) {
      error(at, path(at) + " must be a list of texts, got " + kind(node));
      return List.of();
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
        error(at + "/" + i, path(at + "/" + i) + " must be a non-empty text, got " + kind(item));
      } else {
        out.add(item.asText());
      }
    }
    return out;
  }

  /** A mapping as plain Java values (maps, lists, texts, numbers), or null when absent or wrong. */
  Map<String, Object> mapping(JsonNode parent, String pointer, String key) {
    JsonNode node = parent.get(key);
    String at = pointer + "/" + escape(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      error(at, path(at) + " must be a mapping (key: value), got " + kind(node));
      return null;
    }
    return plainMap(node);
  }

  /** A mapping of texts (headers, env). */
  Map<String, String> textMap(JsonNode parent, String pointer, String key) {
    Map<String, Object> raw = mapping(parent, pointer, key);
    if (raw == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> {
      if (v == null || v instanceof Map || v instanceof List) {
        String at = pointer + "/" + escape(key) + "/" + escape(k);
        error(at, path(at) + " must be text");
      } else {
        out.put(k, v.toString());
      }
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> plainMap(JsonNode node) {
    return YAML.convertValue(node, LinkedHashMap.class);
  }

  static Object plain(JsonNode node) {
    return YAML.convertValue(node, Object.class);
  }

  static String kind(JsonNode node) {
    if (node == null || node.getNodeType() == JsonNodeType.NULL || node.getNodeType() == JsonNodeType.MISSING) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case OBJECT -> "a mapping";
      case ARRAY -> node.isEmpty() ? "an empty list" : "a list";
      case STRING -> "text '" + clip(node.asText()) + "'";
      case NUMBER -> "the number " + node.asText();
      case BOOLEAN -> node.asText();
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /** The allowed key nearest to a misspelt one (edit distance ≤ 2), or null. */
  static String closest(String key, Collection<String> allowed) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : allowed) {
      int d = distance(key.toLowerCase(java.util.Locale.ROOT), candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static Set<String> keys(String... keys) {
    return new java.util.LinkedHashSet<>(List.of(keys));
  }
}
