package dev.assay.bench;

import dev.assay.testing.FakeModelServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fake model server in its own JVM, so the benchmark's process CPU is the executor's alone. The child prints
 * {@code PORT <n>} when ready, answers {@code stats} on stdin with one line of counters and the accepted requests'
 * arrival times, and exits when stdin closes. Arguments: {@code <latency ms> <rpm|-> <tpm|->}.
 */
public final class FakeModelProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  private final int port;

  /** Counters of the child: calls, 429s (all, and those from the limits), accepted tokens, accepted arrival times. */
  public record Stats(long calls, long rateLimited, long limitRejections, long acceptedTokens, List<Long> acceptedAtMs) {}

  private FakeModelProcess(Process process) throws IOException {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    String line = out.readLine();
    if (line == null || !line.startsWith("PORT ")) {
      process.destroyForcibly();
      throw new IOException("the fake model process did not start: " + line);
    }
    this.port = Integer.parseInt(line.substring(5).strip());
  }

  static FakeModelProcess start(Duration latency, Integer rpm, Long tpm) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        FakeModelProcess.class.getName(), Long.toString(latency.toMillis()), rpm == null ? "-" : rpm.toString(),
        tpm == null ? "-" : tpm.toString());
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return new FakeModelProcess(pb.start());
  }

  String openAiBaseUrl() {
    return "http://127.0.0.1:" + port + "/v1";
  }

  Stats stats() throws IOException {
    in.println("stats");
    String[] parts = out.readLine().split("\\|", -1);
    String[] c = parts[0].strip().split(" ");
    List<Long> times = new ArrayList<>();
    for (String t : parts[1].strip().split(",")) {
      if (!t.isEmpty()) {
        times.add(Long.parseLong(t));
      }
    }
    return new Stats(Long.parseLong(c[0]), Long.parseLong(c[1]), Long.parseLong(c[2]), Long.parseLong(c[3]), times);
  }

  @Override
  public void close() throws Exception {
    in.close();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** The child's entry point. */
  public static void main(String[] args) throws Exception {
    FakeModelServer fake = FakeModelServer.create().latency(Duration.ofMillis(Long.parseLong(args[0])))
        .limits(args[1].equals("-") ? null : Integer.valueOf(args[1]), args[2].equals("-") ? null : Long.valueOf(args[2]))
        .start();
    System.out.println("PORT " + fake.baseUrl().substring(fake.baseUrl().lastIndexOf(':') + 1));
    System.out.flush();
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = stdin.readLine()) != null; ) {
      if (line.strip().equals("stats")) {
        long tokens = fake.perMinuteUsage().values().stream().mapToLong(u -> u[1]).sum();
        List<Long> accepted = new ArrayList<>();
        for (Map.Entry<String, List<FakeModelServer.Arrival>> e : fake.arrivals().entrySet()) {
          synchronized (e.getValue()) {
            e.getValue().stream().filter(a -> a.status() == 200).forEach(a -> accepted.add(a.nanos() / 1_000_000));
          }
        }
        accepted.sort(null);
        StringBuilder sb = new StringBuilder();
        sb.append(fake.calls()).append(' ').append(fake.answered(429)).append(' ').append(fake.limitRejections())
            .append(' ').append(tokens).append(" |");
        for (int i = 0; i < accepted.size(); i++) {
          sb.append(i == 0 ? "" : ",").append(accepted.get(i));
        }
        System.out.println(sb);
        System.out.flush();
      }
    }
    fake.close();
  }
}
