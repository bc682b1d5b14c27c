package dev.assay.bench;

/** What {@link Disk} needs of {@link OtlpIngestBench}'s options. */
interface OtlpIngestBenchOptions {
  String pgUrl();

  long stored();
}
