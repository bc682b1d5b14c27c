-- Span model enrichment (issue 4), PostgreSQL dialect. Keep in step with ../duckdb/V002__span_model.sql.
-- All new columns are nullable: spans stored before this migration simply lack them, and adding a
-- nullable column without a default rewrites nothing.
-- tags: JSON array of strings (tag.tags); metadata: JSON object (the metadata attribute);
-- large_attributes: JSON object with the whole values of the attributes that spans.attributes holds
-- cut to SpanPreview.MAX_CHARS, NULL when nothing was cut. List views never read it (TOASTed apart).
-- One column per statement, as on DuckDB, so the two files read alike.

ALTER TABLE spans ADD COLUMN agent_name TEXT;
ALTER TABLE spans ADD COLUMN tags JSONB;
ALTER TABLE spans ADD COLUMN metadata JSONB;
ALTER TABLE spans ADD COLUMN prompt_tokens_cache_read BIGINT;
ALTER TABLE spans ADD COLUMN prompt_tokens_cache_write BIGINT;
ALTER TABLE spans ADD COLUMN prompt_tokens_audio BIGINT;
ALTER TABLE spans ADD COLUMN completion_tokens_reasoning BIGINT;
ALTER TABLE spans ADD COLUMN completion_tokens_audio BIGINT;
ALTER TABLE spans ADD COLUMN cost_prompt DOUBLE PRECISION;
ALTER TABLE spans ADD COLUMN cost_completion DOUBLE PRECISION;
ALTER TABLE spans ADD COLUMN large_attributes JSONB;
