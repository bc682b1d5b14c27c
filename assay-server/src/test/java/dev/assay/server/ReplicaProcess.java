package dev.assay.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Assay replica in its own JVM ({@link ReplicaServerChild}) on a shared database, for tests that need real
 * separate processes: they share nothing but the database, and {@link #kill()} is a real SIGKILL.
 *
 * @param owner the replica's job-lease owner name, as it appears in {@code jobs.lease_owner}
 */
record ReplicaProcess(String label, String owner, Process process, HttpTestClient client) implements AutoCloseable {

  /** Starts the replicas at once (their JVMs start in parallel) and waits until each one serves. */
  static List<ReplicaProcess> start(Path tmp, String databaseUrl, Duration lease, String... labels) throws Exception {
    List<Process> processes = new ArrayList<>();
    List<CompletableFuture<Integer>> ports = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    try {
      for (String label : labels) {
        String owner = "replica-" + label + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100_000;
        Path dir = Files.createDirectories(tmp.resolve(label));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
            System.getProperty("java.class.path"), ReplicaServerChild.class.getName(), dir.toString(), databaseUrl, owner,
            Long.toString(lease.toMillis()))
            .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ASSAY_"));
        Process process = builder.start();
        processes.add(process);
        owners.add(owner);
        ports.add(portOf(process));
      }
      List<ReplicaProcess> replicas = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        int port;
        try {
          port = ports.get(i).get(90, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("replica " + labels[i] + " did not start: "
              + Files.readString(tmp.resolve(labels[i]).resolve("stderr.txt")), e);
        }
        replicas.add(new ReplicaProcess(labels[i], owners.get(i), processes.get(i), new HttpTestClient(port)));
      }
      return replicas;
    } catch (Exception | Error e) {
      processes.forEach(Process::destroyForcibly);
      throw e;
    }
  }

  /** The port from the child's {@code listening <port>} line; the rest of its output is drained and dropped. */
  private static CompletableFuture<Integer> portOf(Process process) {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith("listening ")) {
            port.complete(Integer.parseInt(line.substring("listening ".length()).strip()));
          }
        }
      } catch (IOException | RuntimeException e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new IllegalStateException("the child exited"));
    });
    return port;
  }

  /** SIGKILL on Linux and macOS: no shutdown hook runs, no lease is handed back. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("replica " + label + " survived SIGKILL");
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      kill();
    }
  }
}
