package dev.assay.experiments;

/** How one example's score moved against the baseline. MISSING: no comparable result on one side. */
public enum Change { IMPROVED, REGRESSED, UNCHANGED, MISSING }
