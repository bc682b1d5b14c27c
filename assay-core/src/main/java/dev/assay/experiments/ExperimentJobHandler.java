package dev.assay.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.jobs.Job;
import dev.assay.jobs.JobDeferral;
import dev.assay.jobs.JobHandler;
import java.time.Clock;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@value ExperimentManager#RUN_JOB} jobs (payload {@code {"experiment_id": …}}) through the runner. The runner
 * does only missing work, so a job that runs again after a crash or a lost lease finishes the experiment without
 * redoing it. An experiment whose job fails its last attempt ends FAILED with the error.
 */
final class ExperimentJobHandler implements JobHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentJobHandler.class);
  private static final java.time.Duration BUSY_RECHECK = java.time.Duration.ofSeconds(2);

  private final ExperimentEngine runner;
  private final ExperimentStore store;
  private final Clock clock;

  ExperimentJobHandler(ExperimentEngine runner, ExperimentStore store, Clock clock) {
    this.runner = runner;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void handle(Job job) throws Exception {
    JsonNode payload = ExperimentCodec.JSON.readTree(job.payloadJson());
    String id = payload.path("experiment_id").asText(null);
    if (id == null || store.findForWork(id).isEmpty()) {
      return; // deleted since it was queued
    }
    try {
      if (runner.runIfIdle(id, ExperimentRunner.Listener.NONE).isEmpty()) {
        throw new JobDeferral("experiment " + id + " is being run by another job of this process", BUSY_RECHECK);
      }
    } catch (JobDeferral deferral) {
      throw deferral;
    } catch (Exception e) {
      // An interrupt is the pool shutting down and handing the job back, not the experiment failing.
      if (job.attempts() >= job.maxAttempts() && !Thread.currentThread().isInterrupted()) {
        String reason = "the run failed after " + job.attempts() + " attempts: "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        store.transition(id, EnumSet.of(ExperimentStatus.PENDING, ExperimentStatus.RUNNING), ExperimentStatus.FAILED,
            reason, null, clock.instant());
        LOG.warn("experiment {}: {}", id, reason);
      }
      throw e;
    }
  }
}
