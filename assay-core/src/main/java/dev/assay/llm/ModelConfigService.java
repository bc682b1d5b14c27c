package dev.assay.llm;

import dev.assay.outbound.OutboundPolicy;
import dev.assay.secrets.SealedValues;
import dev.assay.secrets.SecretBox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceService;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Model configs for every interface. A config reference is an id or a name within a space (null space = the
 * default space). Secrets (API key, header values) are sealed with {@link SecretBox} before they reach the store
 * and are never part of what this service returns; only {@link #secrets} opens them, for the gateway.
 */
public final class ModelConfigService {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelConfigService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
  private static final int MAX_NAME = 256;

  private final ModelConfigStore store;
  private final SpaceService spaces;
  private final SecretBox secrets;
  private final Clock clock;
  private final OutboundPolicy outbound;
  /** Told the id of a config after it changed (tasks paused by its failure resume); see {@link #onChange}. */
  private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();

  /** @param outbound which base URLs may be saved and called (the gateway checks again before each call) */
  public ModelConfigService(ModelConfigStore store, SpaceService spaces, SecretBox secrets, Clock clock,
      OutboundPolicy outbound) {
    this.store = Objects.requireNonNull(store, "store");
    this.spaces = Objects.requireNonNull(spaces, "spaces");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.outbound = Objects.requireNonNull(outbound, "outbound");
  }

  /** The policy every call to a provider, HTTP evaluator or HTTP task goes through. */
  public OutboundPolicy outbound() {
    return outbound;
  }

  /** Seals and opens header values stored inside JSON (HTTP evaluators, HTTP tasks) with this service's key. */
  public SealedValues sealedValues() {
    return new SealedValues(secrets);
  }

  public ModelConfig create(AccessScope scope, NewModelConfig config) {
    Space space = spaces.getOrDefault(scope, config.spaceId());
    String name = name(config.name());
    if (config.provider() == null) {
      throw new InvalidInputException("provider is required (one of " + List.of(Provider.values()) + ")");
    }
    String baseUrl = baseUrl(config.provider(), config.baseUrl());
    checkOutbound(baseUrl);
    List<String> models = modelNames(config.modelNames());
    headers(config.headers());
    ModelLimits limits = limits(config.limits());
    ModelSecrets plain = new ModelSecrets(blankToNull(config.apiKey()), config.headers());
    ModelConfig draft = new ModelConfig(null, space.id(), name, config.provider(), baseUrl, models,
        List.copyOf(config.headers().keySet()), plain.apiKey() != null, config.functionCallingEnabled(), limits, null, null);
    return store.create(scope, draft, seal(plain));
  }

  /** Configs of the space {@code spaceRef} (every visible space when null), by name. */
  public Page<ModelConfig> list(AccessScope scope, String spaceRef, String nameContains, PageRequest page) {
    String spaceId = spaceRef == null ? null : spaces.get(scope, spaceRef).id();
    return store.list(scope, spaceId, blankToNull(nameContains), page);
  }

  /**
   * The visible config with id {@code idOrName}, else the one of that name in {@code spaceRef} (default space when null).
   *
   * @throws NotFoundException when neither exists
   */
  public ModelConfig get(AccessScope scope, String idOrName, String spaceRef) {
    if (idOrName == null || idOrName.isBlank()) {
      throw new NotFoundException("model config '' not found");
    }
    return store.findById(scope, idOrName)
        .or(() -> store.findByName(scope, spaces.getOrDefault(scope, spaceRef).id(), idOrName.strip()))
        .orElseThrow(() -> new NotFoundException("model config '" + idOrName + "' not found"));
  }

  public ModelConfig update(AccessScope scope, String idOrName, String spaceRef, ModelConfigUpdate update) {
    if (update == null || update.isEmpty()) {
      throw new InvalidInputException("nothing to update: give at least one field");
    }
    ModelConfig current = get(scope, idOrName, spaceRef);
    ModelSecrets oldSecrets = secrets(scope, current);
    Provider provider = update.provider() != null ? update.provider() : current.provider();
    String rawBaseUrl = update.baseUrl() == null ? current.baseUrl() : update.baseUrl().orElse(null);
    String apiKey = update.apiKey() == null ? oldSecrets.apiKey() : blankToNull(update.apiKey().orElse(null));
    Map<String, String> headers = update.headers() == null ? oldSecrets.headers() : update.headers().orElse(Map.of());
    headers(headers);
    String baseUrl = baseUrl(provider, rawBaseUrl);
    checkOutbound(baseUrl);
    ModelConfig next = new ModelConfig(current.id(), current.spaceId(),
        update.name() == null ? current.name() : name(update.name()), provider, baseUrl,
        update.modelNames() == null ? current.modelNames() : modelNames(update.modelNames()), List.copyOf(headers.keySet()),
        apiKey != null, update.functionCallingEnabled() == null ? current.functionCallingEnabled()
            : update.functionCallingEnabled(), update.limits() == null ? current.limits() : limits(update.limits()),
        current.createdAt(), current.updatedAt());
    ModelConfig updated = store.update(scope, next, seal(new ModelSecrets(apiKey, headers)));
    for (Consumer<String> listener : changeListeners) {
      try {
        listener.accept(updated.id());
      } catch (RuntimeException e) { // the update is committed; a listener's failure must not turn it into an error
        LOG.warn("a listener of model config changes failed for config {}: {}", updated.id(), e.toString());
      }
    }
    return updated;
  }

  /**
   * Calls {@code listener} with the config's id after every successful {@link #update} (on this replica; the effect
   * of the listener, e.g. lifting a pause in the database, is what other replicas see).
   */
  public void onChange(Consumer<String> listener) {
    changeListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void delete(AccessScope scope, String idOrName, String spaceRef) {
    ModelConfig config = get(scope, idOrName, spaceRef);
    if (!store.delete(scope, config.id())) {
      throw new NotFoundException("model config '" + idOrName + "' not found");
    }
  }

  /** The config's decrypted key and headers, for building a provider client. Never return these to a caller. */
  public ModelSecrets secrets(AccessScope scope, ModelConfig config) {
    return store.sealedSecrets(scope, config.id()).map(this::open).orElse(ModelSecrets.NONE);
  }

  /** The clock this service stamps with (shared with the executor's budgets in tests). */
  Clock clock() {
    return clock;
  }

  /** Refuses a base URL into the server's own network (422) unless allow-listed; see {@link OutboundPolicy}. */
  private void checkOutbound(String baseUrl) {
    if (baseUrl != null) {
      outbound.checkSaved(URI.create(baseUrl));
    }
  }

  private byte[] seal(ModelSecrets plain) {
    if (plain.apiKey() == null && plain.headers().isEmpty()) {
      return null;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("api_key", plain.apiKey());
    json.put("headers", plain.headers());
    try {
      return secrets.seal(JSON.writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise secrets", e);
    }
  }

  private ModelSecrets open(byte[] sealed) {
    try {
      Map<?, ?> json = JSON.readValue(secrets.open(sealed), Map.class);
      Map<String, String> headers = new LinkedHashMap<>();
      if (json.get("headers") instanceof Map<?, ?> h) {
        h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
      }
      return new ModelSecrets(json.get("api_key") instanceof String s ? s : null, headers);
    } catch (IOException e) {
      throw new SecretBox.SecretException("stored credentials are damaged");
    }
  }

  static String name(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidInputException("name must not be blank");
    }
    String name = raw.strip();
    if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException("name must be at most " + MAX_NAME + " characters without control characters");
    }
    return name;
  }

  /** Validates the base URL for the provider: CUSTOM, OLLAMA and AZURE_OPEN_AI need one; it must be http(s). */
  static String baseUrl(Provider provider, String raw) {
    String url = blankToNull(raw);
    if (url == null) {
      if (provider == Provider.CUSTOM || provider == Provider.OLLAMA || provider == Provider.AZURE_OPEN_AI) {
        throw new InvalidInputException("provider " + provider + " needs base_url (e.g. "
            + switch (provider) {
              case OLLAMA -> "http://localhost:11434";
              case AZURE_OPEN_AI -> "https://<resource>.openai.azure.com/openai/deployments/<deployment>";
              default -> "http://localhost:8000/v1";
            } + ")");
      }
      return null;
    }
    try {
      URI uri = new URI(url.strip());
      if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
        throw new InvalidInputException("base_url must be an http or https URL with a host, got '" + url + "'");
      }
      if (uri.getUserInfo() != null) {
        throw new InvalidInputException("base_url must not contain credentials; use api_key or headers");
      }
      String text = uri.toString();
      return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    } catch (URISyntaxException e) {
      throw new InvalidInputException("base_url is not a valid URL: '" + url + "'");
    }
  }

  private static List<String> modelNames(List<String> names) {
    if (names == null) {
      return List.of();
    }
    for (String n : names) {
      if (n == null || n.isBlank()) {
        throw new InvalidInputException("model_names must not contain blank names");
      }
    }
    return names.stream().map(String::strip).distinct().toList();
  }

  private static void headers(Map<String, String> headers) {
    headers.forEach((k, v) -> {
      if (k == null || !HEADER_NAME.matcher(k).matches()) {
        throw new InvalidInputException("header name '" + k + "' is not a valid HTTP header name");
      }
      if (v == null || v.chars().anyMatch(c -> c == '\r' || c == '\n')) {
        throw new InvalidInputException("header '" + k + "' needs a single-line value");
      }
    });
  }

  private static ModelLimits limits(ModelLimits limits) {
    if (limits == null) {
      return ModelLimits.NONE;
    }
    if (limits.requestsPerMinute() != null && limits.requestsPerMinute() < 1
        || limits.tokensPerMinute() != null && limits.tokensPerMinute() < 1
        || limits.maxConcurrency() != null && limits.maxConcurrency() < 1) {
      throw new InvalidInputException("requests_per_minute, tokens_per_minute and max_concurrency must be positive when set");
    }
    return limits;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
