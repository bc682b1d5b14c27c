package dev.assay.datasets;

/**
 * The store port of datasets, their versions and examples. Owned by the datasets feature (branch wt/datasets);
 * JDBC adapter {@code dev.assay.store.JdbcDatasetStore}.
 */
public interface DatasetStore {}
