package dev.assay.tasks;

import java.util.List;

/**
 * One slice of a run's targets, as stored in {@code task_run_chunks}.
 *
 * @param status PENDING until its evaluate job finishes it, then DONE; CANCELLED when its run was cancelled first
 */
public record RunChunk(String runId, int chunkNo, List<String> targetIds, Status status, long numSuccesses,
    long numErrors, long numSkipped) {

  public RunChunk {
    targetIds = List.copyOf(targetIds);
  }

  public enum Status { PENDING, DONE, CANCELLED }
}
