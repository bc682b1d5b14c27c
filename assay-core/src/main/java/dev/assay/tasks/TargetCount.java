package dev.assay.tasks;

/**
 * The live count shown while a task is set up.
 *
 * @param matching targets in the window that match the filter
 * @param sampled how many of them the sampling rate keeps: exact when {@code exact}, otherwise matching × rate
 *     (counting exactly means hashing every id; it stops at {@link TaskService#EXACT_SAMPLE_LIMIT})
 */
public record TargetCount(long matching, long sampled, boolean exact) {}
