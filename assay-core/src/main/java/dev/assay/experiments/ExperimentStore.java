package dev.assay.experiments;

/** The store port of experiments and their runs (owned by branch wt/experiments; adapter JdbcExperimentStore). */
public interface ExperimentStore {}
