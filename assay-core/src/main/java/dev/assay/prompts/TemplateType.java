package dev.assay.prompts;

/** A chat template (a list of messages) or a plain text one (Phoenix's STR: kept as one USER message). */
public enum TemplateType { CHAT, STR }
