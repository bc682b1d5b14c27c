import { Link, useSearchParams } from "react-router";
import { KIND_TITLES, kindOfType, listEvaluators, listTemplates, type Evaluator, type JudgeTemplate } from "../api/evaluators";
import { useApi } from "../api/useApi";
import { areaSummary } from "../areas";
import { AsyncContent } from "../components/AsyncContent";
import { CursorPager } from "../components/CursorPager";
import { DataTable, type Column } from "../components/DataTable";
import { EmptyState } from "../components/EmptyState";
import { PageHeader } from "../components/PageHeader";
import { SearchBox } from "../components/SearchBox";
import { formatTime } from "../format";
import { Rails } from "../evaluators/Rails";
import { evaluatorPath, newEvaluatorPath } from "../urls";
import { useCanWrite } from "../auth/AuthContext";

const columns: Column<Evaluator>[] = [
  { header: "Name", cell: (e) => <Link to={evaluatorPath(e.id)}>{e.name}</Link>, wrap: true },
  { header: "Kind", cell: (e) => KIND_TITLES[kindOfType(e.type)] ?? e.type },
  { header: "Description", cell: (e) => <span className="muted">{e.description ?? ""}</span>, wrap: true },
  { header: "Updated", cell: (e) => formatTime(e.updated_at) },
];

/**
 * The evaluators: saved definitions (`?name=`, `?cursor=` page them) and the gallery of built-in judge
 * templates, each a starting point for a new evaluator.
 */
export function EvaluatorsPage() {
  const [params] = useSearchParams();
  const name = params.get("name") ?? undefined;
  const cursor = params.get("cursor") ?? undefined;
  const saved = useApi((signal) => listEvaluators({ name, cursor, limit: 50 }, signal), [name, cursor]);
  const templates = useApi((signal) => listTemplates(signal), []);
  const canWrite = useCanWrite("MEMBER");
  return (
    <>
      <PageHeader
        title="Evaluators"
        description={areaSummary("evaluators")}
        actions={
          canWrite && <Link className="button primary" to={newEvaluatorPath()}>
            New evaluator
          </Link>
        }
      />
      <section className="page-section" aria-labelledby="saved-evaluators">
        <div className="section-head">
          <h2 id="saved-evaluators">Saved evaluators</h2>
          <SearchBox param="name" label="Filter by name" />
        </div>
        <AsyncContent what="evaluators" state={saved.state} onRetry={saved.retry}>
          {({ evaluators, pagination }) =>
            evaluators.length === 0 && name ? (
              <EmptyState title={`No evaluator name contains “${name}”`} />
            ) : evaluators.length === 0 && !cursor ? (
              <EmptyState title="No evaluators yet">
                <p>Start from a judge template below, or write a code check, embedding, HTTP or command evaluator.</p>
              </EmptyState>
            ) : (
              <>
                <DataTable label="Saved evaluators" columns={columns} rows={evaluators} rowKey={(e) => e.id} />
                <CursorPager nextCursor={pagination.next_cursor} hasMore={pagination.has_more} />
              </>
            )
          }
        </AsyncContent>
      </section>
      <section className="page-section" aria-labelledby="judge-templates">
        <div className="section-head">
          <h2 id="judge-templates">Judge templates</h2>
          <span className="muted">LLM-as-a-judge prompts with rails; pick one to map its variables and test it.</span>
        </div>
        <AsyncContent what="judge templates" state={templates.state} onRetry={templates.retry}>
          {({ templates: list }) => (
            <ul className="card-grid" aria-label="Judge templates">
              {list.map((t) => (
                <TemplateCard key={t.id} template={t} />
              ))}
            </ul>
          )}
        </AsyncContent>
      </section>
    </>
  );
}

function TemplateCard({ template: t }: { template: JudgeTemplate }) {
  return (
    <li className="card" aria-label={t.name}>
      <div className="card-head">
        <h3>{t.name}</h3>
        <span className="badge">{t.granularity}</span>
      </div>
      <p className="card-text">{t.description}</p>
      <dl className="facts compact">
        <dt>Rails</dt>
        <dd>
          <Rails rails={t.rails} direction={t.direction} />
        </dd>
        <dt>Variables</dt>
        <dd>
          {t.variables.map((v) => (
            <code key={v}>
              {v}
            </code>
          ))}
        </dd>
        <dt>Direction</dt>
        <dd>{directionText(t.direction)}</dd>
      </dl>
      <Link className="button" to={newEvaluatorPath(t.id)} aria-label={`Use ${t.name}`}>
        Use template
      </Link>
    </li>
  );
}

export function directionText(direction: string): string {
  return direction === "MAXIMIZE" ? "higher is better" : direction === "MINIMIZE" ? "lower is better" : "no direction";
}
