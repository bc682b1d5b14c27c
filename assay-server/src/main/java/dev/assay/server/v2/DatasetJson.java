package dev.assay.server.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.assay.datasets.AxExamples;
import dev.assay.datasets.Dataset;
import dev.assay.datasets.DatasetVersion;
import dev.assay.datasets.DatasetWrite;
import dev.assay.datasets.Example;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dataset shapes of the API: AX's {@code Dataset}, {@code DatasetVersion}, {@code DatasetExample} and
 * {@code DatasetVersionWithExampleIds}, plus Assay's {@code description}, {@code example_count}, a version's
 * {@code number}, and each example's canonical {@code _assay} block.
 */
final class DatasetJson {
  static final String TYPE = "Dataset";
  static final String VERSION_TYPE = "DatasetVersion";
  static final String EXAMPLE_TYPE = "DatasetExample";

  private DatasetJson() {}

  /** AX's {@code Dataset}; {@code versions} is left out of listings, as in AX. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DatasetBody(String id, String name, String spaceId, String description, long exampleCount, Instant createdAt,
      Instant updatedAt, List<Version> versions) {}

  /** AX's {@code DatasetVersion} with Assay's {@code number}, {@code description} and {@code example_count}. */
  record Version(String id, String name, String datasetId, int number, String description, long exampleCount,
      Instant createdAt, Instant updatedAt) {}

  /** AX's {@code ListDatasetsResponse}. */
  record DatasetList(List<DatasetBody> datasets, Pagination pagination) {}

  /** AX's {@code ListDatasetExamplesResponse}; each example is the flat view plus {@code _assay}. */
  record ExampleList(List<Map<String, Object>> examples, Pagination pagination) {}

  /** AX's {@code DatasetVersionWithExampleIds} with Assay's version number and missing ids. */
  record VersionWithExampleIds(String id, String name, String spaceId, Instant createdAt, Instant updatedAt,
      String datasetVersionId, int datasetVersionNumber, List<String> exampleIds) {}

  /** AX's {@code DeleteDatasetExamplesResponse} with the version Assay wrote. */
  record DeleteResult(boolean completed, List<String> deletedExampleIds, List<String> notDeletedExampleIds,
      String datasetVersionId) {}

  /** Assay's upload and from-spans answer. */
  record WriteResult(DatasetBody dataset, String datasetVersionId, int numCreated, int numUpdated) {}

  /** The list of versions, newest first. */
  record VersionList(@JsonProperty("versions") List<Version> versions) {}

  /** Assay's list of a version's splits. */
  record SplitList(List<String> splits) {}

  static DatasetBody of(Dataset d, boolean withVersions) {
    return new DatasetBody(ApiIds.encode(TYPE, d.id()), d.name(), ApiIds.encode(SpaceController.TYPE, d.spaceId()),
        d.description(), d.exampleCount(), d.createdAt(), d.updatedAt(),
        withVersions ? d.versions().stream().map(DatasetJson::of).toList() : null);
  }

  static Version of(DatasetVersion v) {
    return new Version(ApiIds.encode(VERSION_TYPE, v.id()), v.name(), ApiIds.encode(TYPE, v.datasetId()), v.number(),
        v.description(), v.exampleCount(), v.createdAt(), v.createdAt());
  }

  static VersionWithExampleIds of(Dataset d, DatasetVersion v, List<String> exampleIds) {
    return new VersionWithExampleIds(ApiIds.encode(TYPE, d.id()), d.name(), ApiIds.encode(SpaceController.TYPE, d.spaceId()),
        d.createdAt(), d.updatedAt(), ApiIds.encode(VERSION_TYPE, v.id()), v.number(),
        exampleIds.stream().map(DatasetJson::exampleId).toList());
  }

  static WriteResult of(DatasetWrite w) {
    return new WriteResult(of(w.dataset(), true), ApiIds.encode(VERSION_TYPE, w.version().id()), w.created(), w.updated());
  }

  static String exampleId(String id) {
    return ApiIds.encode(EXAMPLE_TYPE, id);
  }

  /** AX's flat example (id encoded) plus {@code _assay}: the canonical form the UI shows. */
  static Map<String, Object> of(Example e) {
    Map<String, Object> flat = AxExamples.toFlat(e);
    flat.put("id", exampleId(e.id()));
    Map<String, Object> canonical = new LinkedHashMap<>();
    canonical.put("input", e.input());
    canonical.put("output", e.output());
    canonical.put("metadata", e.metadata());
    canonical.put("splits", e.splits());
    canonical.put("source_span_id", e.sourceSpanId());
    canonical.put("source_trace_id", e.sourceTraceId());
    flat.put("_assay", canonical);
    return flat;
  }
}
