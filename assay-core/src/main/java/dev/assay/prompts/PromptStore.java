package dev.assay.prompts;

/** The store port of prompts, versions and labels (owned by branch wt/prompts; adapter JdbcPromptStore). */
public interface PromptStore {}
