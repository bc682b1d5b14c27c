import { Link, useParams } from "react-router";
import { getSession } from "../api/traces";
import { useApi } from "../api/useApi";
import { AsyncContent } from "../components/AsyncContent";
import { EmptyState } from "../components/EmptyState";
import { ProjectFrame } from "../components/ProjectFrame";
import { formatCost, formatCount, formatLatency, formatSeconds } from "../format";
import { EvaluationChips, StatusBadge } from "../traces/SpanKind";
import { TargetResults } from "../traces/StoredResults";
import { projectPath, tracePath } from "../urls";

/** One session as a conversation: each trace a turn, the root's input as the user's, its output as the reply. */
export function SessionPage() {
  const { projectId, sessionId } = useParams() as { projectId: string; sessionId: string };
  const { state, retry } = useApi((signal) => getSession(projectId, sessionId, signal), [projectId, sessionId]);
  return (
    <ProjectFrame projectId={projectId} title="Session" tabs={false}>
      {() => (
        <>
          <nav className="breadcrumbs" aria-label="Breadcrumbs">
            <Link to={projectPath(projectId, "sessions")}>Sessions</Link> <span aria-hidden="true">/</span>{" "}
            <code>{sessionId}</code>
          </nav>
          <AsyncContent what="the session" state={state} onRetry={retry}>
            {(session) => (
              <>
                <section className="trace-summary" aria-label="Session summary">
                  <dl className="facts inline">
                    <dt>Start</dt>
                    <dd>{formatSeconds(session.start_time)}</dd>
                    {session.user_id && (
                      <>
                        <dt>User</dt>
                        <dd>{session.user_id}</dd>
                      </>
                    )}
                    <dt>Turns</dt>
                    <dd>{formatCount(session.trace_count)}</dd>
                    <dt>Tokens</dt>
                    <dd>{formatCount(session.total_tokens)}</dd>
                    <dt>Cost</dt>
                    <dd>{formatCost(session.cost_total)}</dd>
                    <dt>Errors</dt>
                    <dd>{formatCount(session.error_count)}</dd>
                  </dl>
                  <EvaluationChips evaluations={session.evaluations} />
                </section>
                <TargetResults projectId={projectId} targetKind="SESSION" targetId={sessionId} title="Session evaluations" />
                {session.traces.length === 0 ? (
                  <EmptyState title="This session has no traces" />
                ) : (
                  <ol className="conversation" aria-label="Conversation">
                    {session.traces.map((turn, i) => (
                      <li key={turn.trace_id} className="turn" aria-label={`Turn ${i + 1}`}>
                        <div className="turn-meta">
                          <span>Turn {i + 1}</span>
                          <span className="muted">{formatSeconds(turn.start_time)}</span>
                          <StatusBadge status={turn.status_code} />
                          <span title="Latency">{formatLatency(turn.latency_ms)}</span>
                          <span title="Tokens">{formatCount(turn.total_tokens)} tok</span>
                          <span title="Cost">{formatCost(turn.cost_total)}</span>
                          <Link to={tracePath(projectId, turn.trace_id)} aria-label={`Open trace of turn ${i + 1}`}>
                            Open trace
                          </Link>
                        </div>
                        <div className="message role-user" aria-label="user message">
                          <div className="message-role">user</div>
                          <div className="message-content">{turn.input ?? <span className="muted">(no input recorded)</span>}</div>
                        </div>
                        <div className="message role-assistant" aria-label="assistant message">
                          <div className="message-role">assistant</div>
                          <div className="message-content">{turn.output ?? <span className="muted">(no output recorded)</span>}</div>
                        </div>
                        <EvaluationChips evaluations={turn.evaluations} />
                      </li>
                    ))}
                  </ol>
                )}
              </>
            )}
          </AsyncContent>
        </>
      )}
    </ProjectFrame>
  );
}
