package dev.assay.traces;

/**
 * The outcome of one export request, known only after its accepted spans are committed.
 *
 * @param errorMessage why spans were rejected (the first few reasons) and what of the accepted spans was not
 *     stored (skipped inline feedback); null when neither happened
 */
public record IngestResult(int acceptedSpans, int rejectedSpans, String errorMessage) {}
