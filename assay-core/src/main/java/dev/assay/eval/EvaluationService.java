package dev.assay.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.assay.auth.AccessScope;
import dev.assay.projects.Project;
import dev.assay.projects.ProjectService;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluation results through the API: list and query, upsert, and import of results computed elsewhere. Projects
 * are referenced by id or by name (in the default space). Writes are all or nothing: every record is checked
 * before one transaction stores them, so a bad record changes nothing.
 */
public final class EvaluationService {
  /** The import formats: JSON Lines (one object a line) and CSV with a header row. */
  public enum Format {
    JSONL, CSV;

    /** The format named {@code value} ({@code jsonl} or {@code csv}, ignoring case). */
    public static Format of(String value) {
      if (value == null) {
        throw new InvalidInputException("format is required: jsonl or csv");
      }
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "jsonl", "ndjson" -> JSONL;
        case "csv" -> CSV;
        default -> throw new InvalidInputException("format '" + value + "' is not supported: use jsonl or csv");
      };
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CsvMapper CSV = new CsvMapper();

  private final EvaluationStore store;
  private final ProjectService projects;

  public EvaluationService(EvaluationStore store, ProjectService projects) {
    if (store == null || projects == null) {
      throw new NullPointerException("store and projects are required");
    }
    this.store = store;
    this.projects = projects;
  }

  /** Results of the project {@code projectRef} matching the filters (null = any), newest update first. */
  public Page<Evaluation> list(AccessScope scope, String projectRef, Evaluation.TargetKind targetKind, String targetId,
      String name, String evaluatorId, String runId, PageRequest page) {
    Project project = projects.get(scope, projectRef, null);
    return store.list(scope, new EvaluationQuery(project.id(), targetKind, targetId, name, evaluatorId, runId), page);
  }

  /** Inserts or replaces results by (target, name, identifier), with source API; returns them as stored. */
  public List<Evaluation> upsert(AccessScope scope, String projectRef, List<EvaluationInput> inputs) {
    if (inputs == null || inputs.isEmpty()) {
      throw new InvalidInputException("evaluations must not be empty");
    }
    Project project = projects.get(scope, projectRef, null);
    return store.upsert(scope, inputs.stream().map(i -> i.toEvaluation(project.id(), Evaluation.Source.API)).toList());
  }

  /**
   * Imports results from JSON Lines or CSV (annotator kind LLM unless a record says otherwise, source API).
   *
   * @return how many records were stored
   * @throws InvalidInputException naming the line and field of the first bad record; nothing is stored then
   */
  public int importResults(AccessScope scope, String projectRef, Format format, Reader body) {
    Project project = projects.get(scope, projectRef, null);
    List<EvaluationInput> inputs = switch (format) {
      case JSONL -> readJsonl(body);
      case CSV -> readCsv(body);
    };
    if (inputs.isEmpty()) {
      throw new InvalidInputException("the import holds no records");
    }
    store.upsert(scope, inputs.stream().map(i -> i.toEvaluation(project.id(), Evaluation.Source.API)).toList());
    return inputs.size();
  }

  private static List<EvaluationInput> readJsonl(Reader body) {
    List<EvaluationInput> out = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(body)) {
      int lineNumber = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          throw new InvalidInputException("line " + lineNumber + ": not valid JSON");
        }
        out.add(EvaluationInput.parse(node, "line " + lineNumber, Evaluation.AnnotatorKind.LLM));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<EvaluationInput> readCsv(Reader body) {
    List<EvaluationInput> out = new ArrayList<>();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class).with(schema).readValues(body)) {
      int row = 0;
      while (true) {
        Map<String, String> values;
        try {
          if (!rows.hasNextValue()) {
            break;
          }
          values = rows.nextValue();
        } catch (IOException | RuntimeException e) {
          throw new InvalidInputException("line " + (row + 2) + ": not valid CSV: " + firstLine(e.getMessage()));
        }
        row++;
        // Line numbers count the header as line 1; a quoted cell that spans lines shifts the count.
        out.add(EvaluationInput.parse(JSON.valueToTree(values), "line " + (row + 1), Evaluation.AnnotatorKind.LLM));
      }
    } catch (IOException e) {
      throw new InvalidInputException("not valid CSV: " + firstLine(e.getMessage()));
    }
    return out;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
