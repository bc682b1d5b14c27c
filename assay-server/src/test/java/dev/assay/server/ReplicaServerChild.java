package dev.assay.server;

import dev.assay.config.AssayConfig;
import dev.assay.testing.TestOutbound;
import dev.assay.store.DatabaseTarget;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child JVM of {@link TaskReplicasTest}: one Assay replica on a shared database, on free ports, printing
 * {@code listening <http port>} once it serves, and running until it is killed. Arguments: the working
 * directory, the database URL, the job-lease owner name and the lease in milliseconds. The short lease is the
 * point: a replica killed with SIGKILL renews nothing, so its jobs are claimed again once the lease runs out.
 */
public final class ReplicaServerChild {
  private ReplicaServerChild() {}

  public static void main(String[] args) throws InterruptedException {
    AssayConfig config = TestOutbound.allowLocal(AssayConfig.defaults(Path.of(args[0]))).withPort(0).withGrpcPort(0)
        .withDatabase(DatabaseTarget.parse(args[1]));
    String owner = args[2];
    Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
    AssayServer server = new AssayServer(config).tuneWorkers(settings -> settings.withOwner(owner)
        .withLeaseDuration(lease).withPollInterval(Duration.ofMillis(200)));
    server.start();
    System.out.println("listening " + server.port());
    System.out.flush();
    server.awaitStop();
  }
}
