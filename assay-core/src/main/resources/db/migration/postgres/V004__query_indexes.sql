-- Query API indexes, PostgreSQL dialect. Keep in step with ../duckdb/V004__query_indexes.sql.
-- GET /v2/spans/{span_id} without a trace id and DELETE /v2/spans look spans up by span id alone, which the
-- primary key (project_id, trace_id, span_id) cannot serve.
CREATE INDEX spans_project_span ON spans (project_id, span_id);
-- Deleting a trace finds its sessions by trace id; the primary key leads with the session id.
CREATE INDEX session_traces_project_trace ON session_traces (project_id, trace_id);
