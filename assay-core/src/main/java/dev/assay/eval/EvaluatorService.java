package dev.assay.eval;

import dev.assay.auth.AccessScope;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceService;
import dev.assay.outbound.OutboundPolicy;
import dev.assay.secrets.SealedValues;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluators for every interface. An evaluator reference ({@code ref}) is an id or a name: a value that is not
 * the id of a visible evaluator is looked up as a name in the space {@code spaceRef} (id or name), or in the
 * {@code default} space when {@code spaceRef} is null. Every spec is validated before anything is stored.
 */
public final class EvaluatorService {
  /** AX's rule for eval column names, which become the {@code name} of every result. */
  static final Pattern RESULT_NAME = Pattern.compile("^[a-zA-Z0-9_\\s\\-&()]+$");
  /** What the API shows instead of a secret (HTTP evaluator header values); sent back, it keeps the stored value. */
  public static final String MASK = "********";

  private final EvaluatorStore store;
  private final SpaceService spaces;
  private final OutboundPolicy outbound;
  private final SealedValues sealed;

  /**
   * @param outbound refuses HTTP evaluator URLs into the server's own network when they are saved
   * @param sealed seals HTTP evaluator header values before they are stored
   */
  public EvaluatorService(EvaluatorStore store, SpaceService spaces, OutboundPolicy outbound, SealedValues sealed) {
    if (store == null || spaces == null || outbound == null || sealed == null) {
      throw new NullPointerException("store, spaces, outbound and sealed are required");
    }
    this.store = store;
    this.spaces = spaces;
    this.outbound = outbound;
    this.sealed = sealed;
  }

  /**
   * Creates an evaluator with version 1 in {@code spaceRef} (the default space when null).
   *
   * @throws dev.assay.shared.ConflictException when the space has an evaluator of that name
   * @throws InvalidInputException when the name or the spec is invalid
   */
  public EvaluatorWithVersion create(AccessScope scope, String spaceRef, String name, String description,
      String commitMessage, EvaluatorSpec spec) {
    validate(spec);
    rejectMasked(spec);
    checkOutbound(spec);
    return store.create(scope, spaces.getOrDefault(scope, spaceRef).id(), name, description, commitMessage, sealed(spec));
  }

  /** Visible evaluators, ordered by name; {@code spaceRef} (id or name) narrows to one space. */
  public Page<EvaluatorDefinition> list(AccessScope scope, String spaceRef, String spaceNameContains, String nameContains,
      PageRequest page) {
    String spaceId = spaceRef == null ? null : spaces.get(scope, spaceRef).id();
    return store.list(scope, new EvaluatorFilter(spaceId, spaceNameContains, nameContains), page);
  }

  /**
   * The evaluator {@code ref} with version {@code versionId}, or its latest version when that is null.
   *
   * @throws NotFoundException when there is no such evaluator, or the version is not one of its versions
   */
  public EvaluatorWithVersion get(AccessScope scope, String ref, String spaceRef, String versionId) {
    EvaluatorDefinition evaluator = definition(scope, ref, spaceRef);
    EvaluatorVersion version = versionId == null
        ? store.findVersion(scope, evaluator.id(), evaluator.latestVersion()).orElseThrow(() -> notFound(ref))
        : store.findVersion(scope, versionId).filter(v -> v.evaluatorId().equals(evaluator.id()))
            .orElseThrow(() -> new NotFoundException("evaluator version " + versionId + " not found for evaluator '" + ref + "'"));
    return new EvaluatorWithVersion(evaluator, version);
  }

  /** The evaluator {@code ref} without a version. */
  public EvaluatorDefinition definition(AccessScope scope, String ref, String spaceRef) {
    if (ref == null || ref.isBlank()) {
      throw notFound("");
    }
    var byId = store.findById(scope, ref);
    if (byId.isPresent()) {
      return byId.get();
    }
    Space space = spaces.getOrDefault(scope, spaceRef);
    return store.findByName(scope, space.id(), ref)
        .orElseThrow(() -> new NotFoundException("evaluator '" + ref + "' not found in space '" + space.name() + "'"));
  }

  /** Renames and/or re-describes the evaluator (null = unchanged, empty description = none); see {@link EvaluatorStore#update}. */
  public EvaluatorDefinition update(AccessScope scope, String ref, String spaceRef, String name, String description) {
    if (name == null && description == null) {
      throw new InvalidInputException("nothing to update: give name and/or description");
    }
    return store.update(scope, definition(scope, ref, spaceRef).id(), name, description);
  }

  /** Deletes the evaluator and its versions; results it wrote stay. */
  public void delete(AccessScope scope, String ref, String spaceRef) {
    EvaluatorDefinition evaluator = definition(scope, ref, spaceRef);
    if (!store.delete(scope, evaluator.id())) {
      throw notFound(ref);
    }
  }

  /**
   * Appends a new version. Header values of an HTTP spec equal to {@link #MASK} keep the latest version's values,
   * so a spec fetched from the API (secrets masked) can be edited and sent back.
   */
  public EvaluatorVersion createVersion(AccessScope scope, String ref, String spaceRef, String commitMessage,
      EvaluatorSpec spec) {
    EvaluatorDefinition evaluator = definition(scope, ref, spaceRef);
    validate(spec);
    EvaluatorSpec resolved = spec;
    if (spec instanceof HttpSpec http && http.headers().containsValue(MASK)) {
      EvaluatorSpec latest = store.findVersion(scope, evaluator.id(), evaluator.latestVersion()).orElseThrow().spec();
      resolved = unmask(http, latest instanceof HttpSpec previous ? previous.headers() : Map.of());
    }
    checkOutbound(resolved);
    return store.appendVersion(scope, evaluator.id(), commitMessage, sealed(resolved));
  }

  /** Versions of the evaluator {@code ref}, newest first. */
  public Page<EvaluatorVersion> listVersions(AccessScope scope, String ref, String spaceRef, PageRequest page) {
    return store.listVersions(scope, definition(scope, ref, spaceRef).id(), page);
  }

  /** One version by its id. */
  public EvaluatorVersion getVersion(AccessScope scope, String versionId) {
    return store.findVersion(scope, versionId)
        .orElseThrow(() -> new NotFoundException("evaluator version " + versionId + " not found"));
  }

  /**
   * Checks a spec without storing or running it: the result name (AX's rule) and everything
   * {@link Evaluators#validate} checks.
   */
  public static void validate(EvaluatorSpec spec) {
    if (spec == null) {
      throw new InvalidInputException("spec is required");
    }
    if (spec.name() == null || !RESULT_NAME.matcher(spec.name()).matches()) {
      throw new InvalidInputException("spec.name '" + spec.name() + "' is invalid: a result name uses only letters, digits,"
          + " spaces, '_', '-', '&', '(' and ')'");
    }
    Evaluators.validate(spec);
  }

  /** The spec as the API shows it: HTTP header values replaced by {@link #MASK}. */
  public static EvaluatorSpec masked(EvaluatorSpec spec) {
    if (spec instanceof HttpSpec http && !http.headers().isEmpty()) {
      Map<String, String> headers = new LinkedHashMap<>();
      http.headers().keySet().forEach(k -> headers.put(k, MASK));
      return new HttpSpec(http.name(), http.granularity(), http.mappings(), http.url(), headers, http.timeoutMs());
    }
    return spec;
  }

  /** An HTTP evaluator's URL must be one the server may call (422 otherwise; it is checked again on every call). */
  private void checkOutbound(EvaluatorSpec spec) {
    if (spec instanceof HttpSpec http) {
      outbound.checkSaved(URI.create(http.url().strip()));
    }
  }

  /** The spec as stored: HTTP header values sealed (values carried over from the previous version already are). */
  private EvaluatorSpec sealed(EvaluatorSpec spec) {
    if (spec instanceof HttpSpec http && !http.headers().isEmpty()) {
      return new HttpSpec(http.name(), http.granularity(), http.mappings(), http.url(), sealed.sealAll(http.headers()),
          http.timeoutMs());
    }
    return spec;
  }

  private static HttpSpec unmask(HttpSpec spec, Map<String, String> previous) {
    Map<String, String> headers = new LinkedHashMap<>();
    spec.headers().forEach((k, v) -> {
      if (MASK.equals(v)) {
        if (!previous.containsKey(k)) {
          throw new InvalidInputException("header '" + k + "' has the masked value " + MASK
              + " but the previous version has no such header: give its real value");
        }
        headers.put(k, previous.get(k));
      } else {
        headers.put(k, v);
      }
    });
    return new HttpSpec(spec.name(), spec.granularity(), spec.mappings(), spec.url(), headers, spec.timeoutMs());
  }

  private static void rejectMasked(EvaluatorSpec spec) {
    if (spec instanceof HttpSpec http && http.headers().containsValue(MASK)) {
      throw new InvalidInputException("an HTTP evaluator's header values must be real values, not " + MASK);
    }
  }

  private static NotFoundException notFound(String ref) {
    return new NotFoundException("evaluator '" + ref + "' not found");
  }
}
