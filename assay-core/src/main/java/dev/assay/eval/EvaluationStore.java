package dev.assay.eval;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Stores evaluation results. Every method sees only projects in spaces the scope allows. */
public interface EvaluationStore {

  /**
   * Inserts or replaces results by their upsert key, all in one transaction. A replaced row keeps
   * its id and creation time. Returns the stored rows in input order.
   *
   * @throws dev.assay.shared.NotFoundException when a project is not visible to the scope
   */
  List<Evaluation> upsert(AccessScope scope, List<Evaluation> evaluations);

  /** Results on one target ordered by name, then identifier. */
  List<Evaluation> listForTarget(AccessScope scope, String projectId, Evaluation.TargetKind kind, String targetId);

  /**
   * Results on many targets of one project in one read (a page of spans and their traces), ordered by target
   * kind, target id, name, identifier. Empty target lists are allowed; an invisible project gives nothing.
   */
  default List<Evaluation> listForTargets(AccessScope scope, String projectId,
      Map<Evaluation.TargetKind, ? extends Collection<String>> targets) {
    return listForTargets(scope, projectId, targets, null);
  }

  /**
   * As {@link #listForTargets(AccessScope, String, Map)}, only results with {@code created_at >= createdSince} when
   * that is set: a caller that knows its targets are new (continuous evaluation of just-ingested spans, whose results
   * cannot predate the spans) lets DuckDB skip the older row groups instead of scanning every result.
   */
  List<Evaluation> listForTargets(AccessScope scope, String projectId,
      Map<Evaluation.TargetKind, ? extends Collection<String>> targets, java.time.Instant createdSince);

  /**
   * Results of one project matching the query, newest {@code updated_at} first (then by id, descending); an
   * invisible project gives an empty page.
   */
  Page<Evaluation> list(AccessScope scope, EvaluationQuery query, PageRequest page);
}
