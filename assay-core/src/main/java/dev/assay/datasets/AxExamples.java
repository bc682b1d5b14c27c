package dev.assay.datasets;

import dev.assay.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AX's flat, free-form example ⇔ the canonical {@link Example}, by key name:
 * <ul>
 *   <li>a top-level {@code metadata} object → metadata;</li>
 *   <li>{@code output}, {@code expected}, {@code expected_output}, {@code reference} → output; when {@code output} is
 *       the only one of them and holds an object, that object is the output;</li>
 *   <li>{@code splits} (a string or a list of strings) → splits;</li>
 *   <li>every other key → input; when that is a lone {@code input} key holding an object, that object is the input.</li>
 * </ul>
 * The view back writes input keys flat, output keys flat when they are all output names (else {@code output: {…}}),
 * and {@code metadata}, {@code splits} when not empty, so {@code toDraft(toFlat(e))} gives {@code e}'s content back.
 */
public final class AxExamples {
  /** Keys whose values become the expected output. */
  public static final Set<String> OUTPUT_KEYS = Set.of("output", "expected", "expected_output", "reference");
  /** Keys the server sets; a create or append that sends them is refused, as in AX. */
  public static final Set<String> SYSTEM_KEYS = Set.of("id", "created_at", "updated_at");
  private static final Set<String> RESERVED = Set.of("output", "expected", "expected_output", "reference", "metadata",
      "splits", "id", "created_at", "updated_at", "_assay");

  private AxExamples() {}

  /**
   * The canonical draft of a flat example. {@code allowId} is true for updates, where {@code id} names the example.
   *
   * @param where how errors name the example, e.g. {@code examples[3]}
   */
  @SuppressWarnings("unchecked")
  public static ExampleDraft toDraft(Map<String, Object> flat, boolean allowId, String where) {
    if (flat == null || flat.isEmpty()) {
      throw new InvalidInputException(where + " is empty: an example needs at least one property");
    }
    for (String key : SYSTEM_KEYS) {
      if (flat.containsKey(key) && !(allowId && key.equals("id"))) {
        throw new InvalidInputException(where + " must not contain the system field '" + key + "'");
      }
    }
    if (flat.containsKey("_assay")) {
      throw new InvalidInputException(where + " must not contain '_assay' (a read-only view of the example)");
    }
    String id = null;
    if (allowId) {
      if (!(flat.get("id") instanceof String s) || s.isBlank()) {
        throw new InvalidInputException(where + ".id is required (a non-empty string) to update an example");
      }
      id = s;
    }
    Map<String, Object> input = new LinkedHashMap<>();
    Map<String, Object> output = new LinkedHashMap<>();
    Map<String, Object> metadata = Map.of();
    List<String> splits = List.of();
    for (var e : flat.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      if (key.equals("id")) {
        continue;
      }
      if (key.equals("metadata") && value instanceof Map<?, ?> m) {
        metadata = (Map<String, Object>) m;
      } else if (OUTPUT_KEYS.contains(key)) {
        output.put(key, value);
      } else if (key.equals("splits")) {
        splits = splits(value, where);
      } else {
        input.put(key, value);
      }
    }
    if (output.size() == 1 && output.get("output") instanceof Map<?, ?> m) {
      output = (Map<String, Object>) m;
    }
    if (input.size() == 1 && input.get("input") instanceof Map<?, ?> m) {
      input = (Map<String, Object>) m;
    }
    return new ExampleDraft(id, input, output, metadata, splits, null, null);
  }

  /** AX's flat view of an example, with {@code id}, {@code created_at} and {@code updated_at}. */
  public static Map<String, Object> toFlat(Example e) {
    Map<String, Object> flat = new LinkedHashMap<>();
    flat.put("id", e.id());
    putContent(flat, e.input(), e.output(), e.metadata(), e.splits());
    flat.put("created_at", e.createdAt() == null ? null : e.createdAt().toString());
    flat.put("updated_at", e.updatedAt() == null ? null : e.updatedAt().toString());
    return flat;
  }

  private static void putContent(Map<String, Object> flat, Map<String, Object> input, Map<String, Object> output,
      Map<String, Object> metadata, List<String> splits) {
    boolean wrapInput = input.keySet().stream().anyMatch(RESERVED::contains)
        || input.size() == 1 && input.get("input") instanceof Map<?, ?>;
    if (wrapInput) {
      flat.put("input", input);
    } else {
      flat.putAll(input);
    }
    boolean flatOutput = OUTPUT_KEYS.containsAll(output.keySet())
        && !(output.size() == 1 && output.get("output") instanceof Map<?, ?>);
    if (flatOutput) {
      flat.putAll(output);
    } else {
      flat.put("output", output);
    }
    if (!metadata.isEmpty()) {
      flat.put("metadata", metadata);
    }
    if (!splits.isEmpty()) {
      flat.put("splits", splits);
    }
  }

  /**
   * An AX update: the example's current flat view overlaid with the given keys (AX adds columns but never drops
   * them), read back as a draft for the same id.
   */
  public static ExampleDraft merge(Example current, Map<String, Object> update, String where) {
    ExampleDraft patch = toDraft(update, true, where);
    // Overlay per canonical part, so a flat key lands where the mapping puts it.
    Map<String, Object> input = new LinkedHashMap<>(current.input());
    input.putAll(patch.input());
    Map<String, Object> output = new LinkedHashMap<>(current.output());
    output.putAll(patch.output());
    Map<String, Object> metadata = new LinkedHashMap<>(current.metadata());
    metadata.putAll(patch.metadata());
    List<String> splits = update.containsKey("splits") ? patch.splits() : current.splits();
    return new ExampleDraft(current.id(), input, output, metadata, splits, null, null);
  }

  private static List<String> splits(Object value, String where) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String s) {
      return List.of(s);
    }
    if (value instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new InvalidInputException(where + ".splits must be a string or a list of strings");
        }
        out.add(s);
      }
      return out;
    }
    throw new InvalidInputException(where + ".splits must be a string or a list of strings");
  }
}
