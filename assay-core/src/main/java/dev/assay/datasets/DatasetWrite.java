package dev.assay.datasets;

/**
 * What an upload or a from-spans import wrote.
 *
 * @param dataset the dataset after the write (with its versions)
 * @param version the version written
 * @param created examples added
 * @param updated examples revised (an upload's example id key matching an existing example)
 */
public record DatasetWrite(Dataset dataset, DatasetVersion version, int created, int updated) {}
