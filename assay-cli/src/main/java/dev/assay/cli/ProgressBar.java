package dev.assay.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr for long commands, e.g. {@code Exporting spans [#######.....]  58% 580/1000}.
 * It draws only for a person at a terminal; elsewhere (pipes, CI, agents) it writes nothing, so output stays
 * clean. Redraws at most every {@link #MIN_REDRAW_NANOS}; {@link #close()} draws the final state and ends
 * the line. Not thread-safe: one thread reports progress.
 */
public final class ProgressBar implements AutoCloseable {
  static final long MIN_REDRAW_NANOS = 100_000_000L;
  static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;
  private final String label;
  private long total;
  private final LongSupplier nanoTime;
  private long done;
  private String detail = "";
  private long lastDraw = Long.MIN_VALUE;
  private boolean drawn;

  ProgressBar(PrintWriter err, boolean enabled, String label, long total, LongSupplier nanoTime) {
    this.err = err;
    this.enabled = enabled;
    this.label = label;
    this.total = total;
    this.nanoTime = nanoTime;
  }

  /**
   * @param total the number of steps, or a negative number when unknown (then only the count is shown)
   */
  public static ProgressBar start(CliEnvironment env, PrintWriter err, String label, long total) {
    return new ProgressBar(err, env.interactive(), label, total, System::nanoTime);
  }

  /** Records {@code steps} more steps done. */
  public void advance(long steps) {
    done += steps;
    redraw();
  }

  /**
   * Shows progress counted elsewhere (a server's): {@code done} of {@code total} steps (negative: unknown), and
   * {@code detail} after the count, e.g. {@code 120 ok, 2 errors}.
   */
  public void update(long done, long total, String detail) {
    this.done = done;
    this.total = total;
    this.detail = detail == null ? "" : detail;
    redraw();
  }

  private void redraw() {
    long now = nanoTime.getAsLong();
    if (enabled && (lastDraw == Long.MIN_VALUE || now - lastDraw >= MIN_REDRAW_NANOS)) {
      lastDraw = now;
      draw();
    }
  }

  public long done() {
    return done;
  }

  @Override
  public void close() {
    if (enabled) {
      draw();
      err.print('\n');
      err.flush();
    }
  }

  private void draw() {
    drawn = true;
    StringBuilder line = new StringBuilder("\r").append(label).append(' ');
    if (total > 0) {
      long shown = Math.min(done, total);
      int filled = (int) (WIDTH * shown / total);
      line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
          .append(String.format("%3d%% %d/%d", 100 * shown / total, shown, total));
    } else {
      line.append(done);
    }
    if (!detail.isEmpty()) {
      // Trailing blanks cover what a longer previous detail left on the line.
      line.append("  ").append(detail).append("   ");
    }
    err.print(line);
    err.flush();
  }

  boolean drawn() {
    return drawn;
  }
}
