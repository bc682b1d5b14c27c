package dev.assay.eval;

/** Which way a score is better (AX's {@code OptimizationDirection}); decides {@code passed} from rails. */
public enum Direction { MAXIMIZE, MINIMIZE, NONE }
