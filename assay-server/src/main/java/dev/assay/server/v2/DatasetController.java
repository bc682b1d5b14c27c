package dev.assay.server.v2;

import static dev.assay.server.auth.Access.MEMBER;
import static dev.assay.server.auth.Access.VIEWER;

import static dev.assay.server.v2.V2Requests.query;
import static dev.assay.server.v2.V2Requests.scope;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.datasets.AxExamples;
import dev.assay.datasets.Dataset;
import dev.assay.datasets.DatasetService;
import dev.assay.datasets.DatasetUploads;
import dev.assay.datasets.DatasetVersion;
import dev.assay.datasets.Example;
import dev.assay.datasets.ExampleChangeResult;
import dev.assay.datasets.ExampleDraft;
import dev.assay.datasets.UploadFormat;
import dev.assay.datasets.UploadKeys;
import dev.assay.server.auth.Audited;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v2/datasets…} as AX defines it (operations {@code list_datasets}, {@code create_dataset},
 * {@code get_dataset}, {@code update_dataset}, {@code delete_dataset}, {@code list_dataset_examples},
 * {@code insert_dataset_examples}, {@code update_dataset_examples}, {@code delete_dataset_examples}), plus Assay's
 * upload, from-spans, export, versions and splits. Every change of examples writes a new version (AX's in-place
 * update and delete are new versions here, so older versions stay exactly as they were). The {@code dataset_id} path
 * parameter takes an id or a name (looked up in {@code space_id}, else {@code space_name}, else the default space).
 */
public final class DatasetController {
  private static final Logger log = LoggerFactory.getLogger(DatasetController.class);
  /** AX's {@code LimitQueryParamMax500} for examples. */
  private static final int MAX_EXAMPLE_LIMIT = 500;

  private final DatasetService datasets;
  private final ObjectMapper json;

  public DatasetController(DatasetService datasets, ObjectMapper json) {
    if (datasets == null || json == null) {
      throw new NullPointerException("datasets and json are required");
    }
    this.datasets = datasets;
    this.json = json;
  }

  /** Adds this controller's routes (ApiBuilder, inside {@code path("/v2")}). */
  public void routes() {
    path("/datasets", () -> {
      get(this::listDatasets, VIEWER);
      post(this::createDataset, MEMBER);
      // Fixed paths before /{dataset_id}, which would take them.
      post("/upload", this::uploadFile, MEMBER);
      post("/from-spans", this::createFromSpans, MEMBER);
      path("/{dataset_id}", () -> {
        get(this::getDataset, VIEWER);
        patch(this::updateDataset, MEMBER);
        delete(this::deleteDataset, MEMBER, Audited.YES);
        get("/versions", this::listVersions, VIEWER);
        get("/splits", this::listSplits, VIEWER);
        get("/export", this::exportExamples, VIEWER);
        post("/examples/annotate", this::annotateExamples, MEMBER);
        path("/examples", () -> {
          get(this::listExamples, VIEWER);
          post(this::insertExamples, MEMBER);
          patch(this::updateExamples, MEMBER);
          delete(this::deleteExamples, MEMBER, Audited.YES);
        });
      });
    });
  }

  /** {@code GET /v2/datasets?space_id=&space_name=&name=&limit=&cursor=}. */
  void listDatasets(Context ctx) {
    Page<Dataset> page = datasets.list(scope(ctx), ApiIds.decode(SpaceController.TYPE, query(ctx, "space_id")),
        query(ctx, "space_name"), query(ctx, "name"), V2Requests.page(ctx));
    ctx.json(new DatasetJson.DatasetList(page.items().stream().map(d -> DatasetJson.of(d, false)).toList(),
        Pagination.of(page)));
  }

  /** {@code POST /v2/datasets}: AX's {@code CreateDatasetRequest} (+ {@code description}). */
  void createDataset(Context ctx) {
    DatasetRequests.Create c = DatasetRequests.create(body(ctx), json);
    Dataset d = datasets.create(scope(ctx), c.spaceRef(), c.name(), c.description(), c.examples());
    ctx.status(201).json(DatasetJson.of(d, true));
  }

  void getDataset(Context ctx) {
    ctx.json(DatasetJson.of(dataset(ctx), true));
  }

  /** {@code PATCH /v2/datasets/{id}} {@code {name, description?}}. */
  void updateDataset(Context ctx) {
    DatasetRequests.Rename r = DatasetRequests.update(body(ctx));
    ctx.json(DatasetJson.of(datasets.update(scope(ctx), spaceRef(ctx), ref(ctx), r.name(), r.description()), true));
  }

  void deleteDataset(Context ctx) {
    datasets.delete(scope(ctx), spaceRef(ctx), ref(ctx));
    ctx.status(204);
  }

  /** Assay: {@code GET /v2/datasets/{id}/versions}, newest first. */
  void listVersions(Context ctx) {
    ctx.json(new DatasetJson.VersionList(dataset(ctx).versions().stream().map(DatasetJson::of).toList()));
  }

  /** Assay: {@code GET /v2/datasets/{id}/splits?version_id=}. */
  void listSplits(Context ctx) {
    ctx.json(new DatasetJson.SplitList(datasets.splits(scope(ctx), spaceRef(ctx), ref(ctx), versionRef(ctx))));
  }

  /** {@code GET /v2/datasets/{id}/examples?dataset_version_id=&split=&limit=&cursor=}. */
  void listExamples(Context ctx) {
    Dataset d = dataset(ctx);
    int limit = ctx.queryParamAsClass("limit", Integer.class)
        .check(l -> l == null || (l >= 1 && l <= MAX_EXAMPLE_LIMIT), "limit must be between 1 and " + MAX_EXAMPLE_LIMIT)
        .getOrDefault(V2Requests.DEFAULT_LIMIT);
    Page<Example> page = datasets.examples(scope(ctx), d.id(), versionRef(ctx), splitParams(ctx),
        new PageRequest(ctx.queryParam("cursor"), limit));
    ctx.json(new DatasetJson.ExampleList(page.items().stream().map(DatasetJson::of).toList(), Pagination.of(page)));
  }

  /** {@code POST /v2/datasets/{id}/examples}: appends as a new version; 201 {@code DatasetVersionWithExampleIds}. */
  void insertExamples(Context ctx) {
    List<ExampleDraft> drafts = DatasetRequests.insert(body(ctx), json);
    Dataset d = dataset(ctx);
    requireLatest(d, versionRef(ctx));
    ExampleChangeResult r = datasets.append(scope(ctx), null, d.id(), drafts, null);
    ctx.status(201).json(DatasetJson.of(datasets.get(scope(ctx), null, d.id()), r.version(), r.insertedIds()));
  }

  /**
   * {@code PATCH /v2/datasets/{id}/examples}: each example's given keys overlay its current content (AX adds
   * columns, never drops them); ids the version does not hold are ignored, as in AX. Always a new version, named
   * {@code new_version} when given.
   */
  void updateExamples(Context ctx) {
    JsonNode body = body(ctx);
    List<Map<String, Object>> flat = DatasetRequests.updateExamples(body, json);
    Dataset d = dataset(ctx);
    requireLatest(d, versionRef(ctx));
    Map<String, Example> current = datasets.examplesById(scope(ctx), null, d.id(), null,
        flat.stream().map(f -> (String) f.get("id")).toList()).stream()
        .collect(Collectors.toMap(Example::id, Function.identity()));
    List<ExampleDraft> drafts = new ArrayList<>();
    for (int i = 0; i < flat.size(); i++) {
      Example e = current.get((String) flat.get(i).get("id"));
      if (e != null) {
        drafts.add(AxExamples.merge(e, flat.get(i), "examples[" + i + "]"));
      }
    }
    String newVersion = DatasetRequests.newVersion(body);
    if (drafts.isEmpty()) {
      ctx.json(DatasetJson.of(d, d.versions().getFirst(), List.of()));
      return;
    }
    ExampleChangeResult r = datasets.updateExamples(scope(ctx), null, d.id(), drafts, newVersion);
    ctx.json(DatasetJson.of(datasets.get(scope(ctx), null, d.id()), r.version(), r.updatedIds()));
  }

  /** {@code DELETE /v2/datasets/{id}/examples}: partial-tolerant; the deletion is a new version. */
  void deleteExamples(Context ctx) {
    DatasetRequests.Delete del = DatasetRequests.delete(body(ctx));
    Dataset d = dataset(ctx);
    datasets.version(scope(ctx), null, d.id(), del.versionRef()); // 404 when the version is not this dataset's
    requireLatest(d, del.versionRef());
    ExampleChangeResult r = datasets.deleteExamples(scope(ctx), null, d.id(), del.exampleIds(), null);
    ctx.json(new DatasetJson.DeleteResult(true, r.deletedIds().stream().map(DatasetJson::exampleId).toList(),
        r.missingIds().stream().map(DatasetJson::exampleId).toList(), ApiIds.encode(DatasetJson.VERSION_TYPE, r.version().id())));
  }

  /** AX's annotate needs annotation configs, which Assay does not have yet: a 501 that says so, nothing stored. */
  void annotateExamples(Context ctx) {
    dataset(ctx);
    throw new HttpResponseException(501, "annotating dataset examples is not available yet: store human feedback on"
        + " spans (POST /v2/evaluations) or add it to the examples' metadata (PATCH /v2/datasets/{id}/examples)");
  }

  /**
   * Assay: {@code POST /v2/datasets/upload} (multipart): {@code file}, {@code name} (a new dataset) or
   * {@code dataset_id} (append; rows whose {@code example_id_key} matches an example update it), {@code space_id},
   * {@code format}, {@code input_keys}, {@code output_keys}, {@code metadata_keys}, {@code split_key},
   * {@code span_id_key}, {@code example_id_key}.
   */
  void uploadFile(Context ctx) {
    if (!ctx.isMultipartFormData()) {
      throw new InvalidInputException("an upload is multipart/form-data with a file part named 'file'");
    }
    UploadedFile file = ctx.uploadedFile("file");
    if (file == null) {
      throw new InvalidInputException("the upload has no file part named 'file'");
    }
    String formatText = form(ctx, "format");
    UploadFormat format = formatText == null ? DatasetUploads.formatOf(file.filename()) : format(formatText);
    if (format == null) {
      throw new InvalidInputException("give format (csv, jsonl or json): it cannot be told from the file name '"
          + file.filename() + "'");
    }
    UploadKeys keys = new UploadKeys(list(form(ctx, "input_keys")), list(form(ctx, "output_keys")),
        list(form(ctx, "metadata_keys")), form(ctx, "split_key"), form(ctx, "span_id_key"), form(ctx, "example_id_key"));
    List<ExampleDraft> drafts;
    try (InputStream in = file.content()) {
      drafts = DatasetUploads.parse(format, in, keys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (keys.exampleIdKey() != null) {
      drafts = drafts.stream().map(d -> d.id() == null ? d : new ExampleDraft(ApiIds.decode(DatasetJson.EXAMPLE_TYPE,
          d.id()), d.input(), d.output(), d.metadata(), d.splits(), d.sourceSpanId(), d.sourceTraceId())).toList();
    }
    String datasetId = form(ctx, "dataset_id");
    var written = datasets.write(scope(ctx), ApiIds.decode(SpaceController.TYPE, form(ctx, "space_id")),
        datasetId == null ? null : ApiIds.decode(DatasetJson.TYPE, datasetId), form(ctx, "name"),
        form(ctx, "description"), drafts);
    ctx.status(201).json(DatasetJson.of(written));
  }

  /** Assay: {@code POST /v2/datasets/from-spans}. */
  void createFromSpans(Context ctx) {
    ctx.status(201).json(DatasetJson.of(datasets.fromSpans(scope(ctx), DatasetRequests.fromSpans(body(ctx)))));
  }

  /** Assay: {@code GET /v2/datasets/{id}/export?format=csv|jsonl&version_id=&split=}, streamed. */
  void exportExamples(Context ctx) {
    String f = query(ctx, "format");
    UploadFormat format = f == null ? UploadFormat.JSONL : format(f);
    if (format == UploadFormat.JSON) {
      throw new InvalidInputException("format must be csv or jsonl");
    }
    AccessScope scope = scope(ctx);
    Dataset d = dataset(ctx);
    DatasetVersion v = datasets.version(scope, null, d.id(), versionRef(ctx)); // errors before any byte is sent
    String file = d.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-v" + v.number() + "." + format.name().toLowerCase(Locale.ROOT);
    ctx.status(200).contentType(format == UploadFormat.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson")
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    try {
      OutputStream out = ctx.res().getOutputStream();
      datasets.export(scope, null, d.id(), v.id(), splitParams(ctx), format, out);
      out.flush();
    } catch (IOException | RuntimeException e) {
      // Headers are sent: a problem document can no longer replace the body, so the connection is cut.
      // Closing the connection is what a client can detect: the chunked body ends without its last chunk.
      log.info("dataset export {} cut: {}", ctx.path(), e.toString());
      ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection().getEndPoint()
          .close(e);
    }
  }

  private static void requireLatest(Dataset d, String versionRef) {
    if (versionRef == null) {
      return;
    }
    DatasetVersion latest = d.versions().getFirst();
    boolean known = d.versions().stream().anyMatch(v -> v.id().equals(versionRef) || versionRef.equals(v.name()));
    if (!known) {
      throw new dev.assay.shared.NotFoundException("dataset version '" + versionRef + "' not found in dataset '" + d.name() + "'");
    }
    if (!latest.id().equals(versionRef) && !versionRef.equals(latest.name())) {
      throw new ConflictException("versions are immutable: changes apply to the latest version (" + latest.name()
          + ", " + ApiIds.encode(DatasetJson.VERSION_TYPE, latest.id()) + ") and write a new one");
    }
  }

  private Dataset dataset(Context ctx) {
    return datasets.get(scope(ctx), spaceRef(ctx), ref(ctx));
  }

  private static String ref(Context ctx) {
    return ApiIds.decode(DatasetJson.TYPE, ctx.pathParam("dataset_id"));
  }

  private static String spaceRef(Context ctx) {
    String spaceId = ApiIds.decode(SpaceController.TYPE, query(ctx, "space_id"));
    return spaceId != null ? spaceId : query(ctx, "space_name");
  }

  /** {@code dataset_version_id} (AX) or {@code version_id}. */
  private static String versionRef(Context ctx) {
    String v = query(ctx, "dataset_version_id");
    return ApiIds.decode(DatasetJson.VERSION_TYPE, v != null ? v : query(ctx, "version_id"));
  }

  /** {@code split} query parameters, each possibly a comma list. */
  private static List<String> splitParams(Context ctx) {
    List<String> out = new ArrayList<>();
    for (String s : ctx.queryParams("split")) {
      out.addAll(list(s));
    }
    return out;
  }

  private static UploadFormat format(String text) {
    try {
      return UploadFormat.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("format '" + text + "' is invalid: use csv, jsonl or json");
    }
  }

  private static String form(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static List<String> list(String text) {
    return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static JsonNode body(Context ctx) {
    JsonNode body = ctx.bodyAsClass(JsonNode.class);
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("the request body must be a JSON object");
    }
    return body;
  }
}
