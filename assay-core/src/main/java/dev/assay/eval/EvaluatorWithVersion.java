package dev.assay.eval;

/** An evaluator with one resolved version (the latest unless a version was asked for). */
public record EvaluatorWithVersion(EvaluatorDefinition evaluator, EvaluatorVersion version) {}
