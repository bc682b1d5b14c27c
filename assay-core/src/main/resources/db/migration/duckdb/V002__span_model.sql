-- Span model enrichment (issue 4), DuckDB dialect. Keep in step with ../postgres/V002__span_model.sql.
-- All new columns are nullable: spans stored before this migration simply lack them.
-- tags: JSON array of strings (tag.tags); metadata: JSON object (the metadata attribute);
-- large_attributes: JSON object with the whole values of the attributes that spans.attributes holds
-- cut to SpanPreview.MAX_CHARS, NULL when nothing was cut. List views never read it.
-- DuckDB takes one column per ALTER TABLE statement.

ALTER TABLE spans ADD COLUMN agent_name VARCHAR;
ALTER TABLE spans ADD COLUMN tags JSON;
ALTER TABLE spans ADD COLUMN metadata JSON;
ALTER TABLE spans ADD COLUMN prompt_tokens_cache_read BIGINT;
ALTER TABLE spans ADD COLUMN prompt_tokens_cache_write BIGINT;
ALTER TABLE spans ADD COLUMN prompt_tokens_audio BIGINT;
ALTER TABLE spans ADD COLUMN completion_tokens_reasoning BIGINT;
ALTER TABLE spans ADD COLUMN completion_tokens_audio BIGINT;
ALTER TABLE spans ADD COLUMN cost_prompt DOUBLE;
ALTER TABLE spans ADD COLUMN cost_completion DOUBLE;
ALTER TABLE spans ADD COLUMN large_attributes JSON;
