package dev.assay.datasets;

/** File formats examples are uploaded from and exported to. */
public enum UploadFormat { CSV, JSONL, JSON }
