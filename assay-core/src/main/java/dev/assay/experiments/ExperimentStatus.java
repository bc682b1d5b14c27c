package dev.assay.experiments;

/** Where an experiment is. A recorded experiment (AX: created with its runs by the client) is COMPLETED at once. */
public enum ExperimentStatus { PENDING, RUNNING, COMPLETED, FAILED, CANCELLED }
