package dev.assay.bench;

import dev.assay.config.AssayConfig;
import dev.assay.server.AssayServer;
import dev.assay.store.DatabaseTarget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The server JVM of {@link OtlpIngestBench}, a child process so that its heap is its own ({@code -Xmx512m}):
 * a real {@link AssayServer} on free ports over the working directory's DuckDB file, or PostgreSQL when a
 * URL is given. Prints {@code listening <port>}, then answers commands on stdin: {@code heap} prints
 * {@code heap <bytes>}, the peak heap in use since the last {@code reset}; end of input stops the server
 * (gracefully, so DuckDB checkpoints) and the process.
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    AssayConfig config = AssayConfig.defaults(Path.of(args[0])).withPort(0).withGrpcPort(0);
    if (args.length > 1) {
      config = config.withDatabase(DatabaseTarget.parse(args[1]));
    }
    AssayServer server = new AssayServer(config);
    server.start();
    System.out.println("listening " + server.port());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      switch (line.strip()) {
        case "heap" -> System.out.println("heap " + peakHeap());
        case "reset" -> {
          System.gc();
          ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
          System.out.println("reset");
        }
        default -> System.out.println("unknown " + line);
      }
      System.out.flush();
    }
    server.stop();
  }

  /** The sum of the heap pools' peaks: an upper bound of the heap in use at any one time. */
  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }
}
