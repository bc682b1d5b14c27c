package dev.assay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a command under GNU {@code /usr/bin/time}, which reports the wall time and the user + system CPU of the
 * command's whole process tree (its own rusage plus every descendant it waited for: JVM threads, Node workers and
 * child processes alike), and the peak RSS of the largest process in it. stdout and stderr go to files, never to
 * a pipe, so a chatty tool cannot stall on a full pipe buffer.
 */
final class TimedProcess {
  static final Path TIME = Path.of("/usr/bin/time");

  /** What one run cost: wall seconds, CPU seconds (user, system), peak RSS in MB, and its exit code. */
  record Usage(int exitCode, double wallSeconds, double userSeconds, double systemSeconds, double peakRssMb,
      Path stdout, Path stderr) {
    double cpuSeconds() {
      return userSeconds + systemSeconds;
    }
  }

  private TimedProcess() {}

  static void requireTime() {
    if (!Files.isExecutable(TIME)) {
      throw new IllegalStateException("this benchmark needs GNU time at /usr/bin/time to measure the CPU of each "
          + "process tree (apt-get install time)");
    }
  }

  /** Runs {@code command} in {@code dir} with {@code env} added to this process's environment. */
  static Usage run(List<String> command, Path dir, Map<String, String> env, String tag)
      throws IOException, InterruptedException {
    Path usageFile = dir.resolve(tag + ".time");
    Path stdout = dir.resolve(tag + ".out");
    Path stderr = dir.resolve(tag + ".err");
    List<String> argv = new ArrayList<>(List.of(TIME.toString(), "-f", "%e %U %S %M", "-o", usageFile.toString()));
    argv.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
    pb.environment().putAll(env);
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    int code = pb.start().waitFor();
    List<String> lines = Files.readAllLines(usageFile, StandardCharsets.UTF_8);
    // GNU time writes "Command exited with non-zero status N" first when the command fails.
    String[] f = lines.get(lines.size() - 1).strip().split(" ");
    return new Usage(code, Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
        Long.parseLong(f[3]) / 1024.0, stdout, stderr);
  }

  /** The last {@code n} lines of a file, to show why a run failed. */
  static String tail(Path file, int n) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1f", s);
  }
}
