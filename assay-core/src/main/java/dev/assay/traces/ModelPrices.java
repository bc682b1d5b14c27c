package dev.assay.traces;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Token list prices per model, read once from the data file {@code pricing/model-prices.csv}, used to cost
 * spans that carry token counts but no {@code llm.cost.*}. A model the table does not know gets no cost:
 * a wrong figure is worse than none.
 *
 * <p>Matching a span's model name: lowercased; a path prefix ({@code models/}, {@code openai/},
 * {@code accounts/fireworks/models/}) and a Bedrock region/vendor prefix ({@code us.anthropic.}) dropped;
 * then the exact name, else the longest table name that the model name starts with followed by {@code -},
 * {@code @} or {@code :} (dated and versioned suffixes: {@code gpt-4o-2024-08-06} is {@code gpt-4o},
 * {@code claude-3-5-sonnet-v2@20241022} is {@code claude-3-5-sonnet}). A {@code .} is no boundary, so
 * {@code gpt-4.1} never falls back to {@code gpt-4}.
 */
public final class ModelPrices {
  /** Where the standard table lives on the classpath. */
  public static final String RESOURCE = "pricing/model-prices.csv";
  private static final Pattern BEDROCK_PREFIX =
      Pattern.compile("^(?:(?:us|eu|apac|global)\\.)?(?:anthropic|meta|mistral|amazon|cohere|ai21)\\.");

  /** One row: USD per million tokens; cache prices null when the provider has none (the input price applies). */
  public record Price(String model, String provider, double input, double output, Double cacheRead, Double cacheWrite) {}

  /** A span's cost in USD; a part is null when its token count is unknown. */
  public record Cost(Double prompt, Double completion, Double total) {}

  private static final class Standard {
    static final ModelPrices TABLE = load();

    private static ModelPrices load() {
      try (InputStream in = ModelPrices.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing classpath resource " + RESOURCE);
        }
        return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + RESOURCE, e);
      }
    }
  }

  /** Most distinct model names remembered; names beyond it are matched again each time (never wrong, just slower). */
  private static final int MAX_REMEMBERED = 10_000;

  private final Map<String, List<Price>> byModel;
  /** The rows a span's model name matched (empty: none), so ingest matches each name once, not per span. */
  private final Map<String, List<Price>> matched = new ConcurrentHashMap<>();

  private ModelPrices(Map<String, List<Price>> byModel) {
    this.byModel = byModel;
  }

  /** The table shipped with Assay, loaded on first use. */
  public static ModelPrices standard() {
    return Standard.TABLE;
  }

  /**
   * A table in the data file's format: {@code #} comment lines, a header line, then
   * {@code model,provider,input,output,cache_read,cache_write}.
   *
   * @throws IllegalArgumentException naming the line when a row does not parse
   */
  public static ModelPrices parse(Reader source) throws IOException {
    Map<String, List<Price>> byModel = new LinkedHashMap<>();
    BufferedReader reader = new BufferedReader(source);
    boolean header = true;
    int number = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      String[] cells = trimmed.split(",", -1);
      if (cells.length != 6 || cells[0].isBlank()) {
        throw new IllegalArgumentException("price table line " + number + ": expected 6 cells, got '" + line + "'");
      }
      try {
        Price price = new Price(cells[0].strip().toLowerCase(Locale.ROOT), cells[1].strip().toLowerCase(Locale.ROOT),
            Double.parseDouble(cells[2]), Double.parseDouble(cells[3]), optional(cells[4]), optional(cells[5]));
        byModel.computeIfAbsent(price.model(), m -> new ArrayList<>()).add(price);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("price table line " + number + ": " + e.getMessage(), e);
      }
    }
    return new ModelPrices(byModel);
  }

  /** The price of a model, preferring the row for the span's provider when several hosts list it. */
  public Optional<Price> find(String modelName, String provider) {
    if (modelName == null || modelName.isBlank()) {
      return Optional.empty();
    }
    List<Price> rows = matched.get(modelName);
    if (rows == null) {
      rows = match(normalise(modelName));
      if (matched.size() < MAX_REMEMBERED) {
        matched.put(modelName, rows);
      }
    }
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    String host = provider == null ? null : provider.strip().toLowerCase(Locale.ROOT);
    return Optional.of(rows.stream().filter(p -> p.provider().equals(host)).findFirst().orElse(rows.getFirst()));
  }

  /**
   * The cost of a span's tokens, or null when the model is unknown or no prompt/completion count is given.
   * Prompt tokens include the cache reads and writes (OpenInference counts details inside the prompt total);
   * those are charged at the cache prices when the table has them. Reasoning and audio tokens are charged
   * as ordinary completion/prompt tokens.
   */
  public Cost cost(String modelName, String provider, Long promptTokens, Long completionTokens, Span.TokenDetails details) {
    if (promptTokens == null && completionTokens == null) {
      return null;
    }
    Price price = find(modelName, provider).orElse(null);
    if (price == null) {
      return null;
    }
    Double prompt = null;
    if (promptTokens != null) {
      long cacheRead = nonNegative(details == null ? null : details.promptCacheRead());
      long cacheWrite = nonNegative(details == null ? null : details.promptCacheWrite());
      long plain = Math.max(0, promptTokens - cacheRead - cacheWrite);
      prompt = (plain * price.input()
          + cacheRead * (price.cacheRead() == null ? price.input() : price.cacheRead())
          + cacheWrite * (price.cacheWrite() == null ? price.input() : price.cacheWrite())) / 1_000_000.0;
    }
    Double completion = completionTokens == null ? null : nonNegative(completionTokens) * price.output() / 1_000_000.0;
    double total = (prompt == null ? 0 : prompt) + (completion == null ? 0 : completion);
    return new Cost(prompt, completion, total);
  }

  /** The rows of the exact name, else of the longest name it extends at a boundary; empty when none. */
  private List<Price> match(String name) {
    List<Price> rows = byModel.get(name);
    if (rows != null) {
      return rows;
    }
    String best = null;
    for (String model : byModel.keySet()) {
      if (name.length() > model.length() && name.startsWith(model) && isBoundary(name.charAt(model.length()))
          && (best == null || model.length() > best.length())) {
        best = model;
      }
    }
    return best == null ? List.of() : byModel.get(best);
  }

  static String normalise(String modelName) {
    String name = modelName.strip().toLowerCase(Locale.ROOT);
    int slash = name.lastIndexOf('/');
    if (slash >= 0) {
      name = name.substring(slash + 1);
    }
    return BEDROCK_PREFIX.matcher(name).replaceFirst("");
  }

  private static boolean isBoundary(char c) {
    return c == '-' || c == '@' || c == ':';
  }

  private static long nonNegative(Long value) {
    return value == null || value < 0 ? 0 : value;
  }

  private static Double optional(String cell) {
    return cell.isBlank() ? null : Double.parseDouble(cell);
  }
}
