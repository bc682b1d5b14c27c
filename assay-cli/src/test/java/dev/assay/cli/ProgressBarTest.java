package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar draws only at a terminal, at most every 100 ms, and ends its line when closed. */
class ProgressBarTest {
  private final StringWriter err = new StringWriter();
  private final AtomicLong now = new AtomicLong();

  private ProgressBar bar(boolean terminal, long total) {
    return new ProgressBar(new PrintWriter(err), terminal, "Exporting", total, now::get);
  }

  @Test
  void withoutATerminal_writesNothing() {
    try (ProgressBar bar = bar(false, 10)) {
      bar.advance(5);
      bar.advance(5);
      assertFalse(bar.drawn());
      assertEquals(10, bar.done());
    }
    assertEquals("", err.toString());
  }

  @Test
  void atATerminal_redrawsInPlace_atMostEvery100ms_andEndsTheLine() {
    try (ProgressBar bar = bar(true, 4)) {
      bar.advance(1); // first step always draws
      now.addAndGet(ProgressBar.MIN_REDRAW_NANOS - 1);
      bar.advance(1); // too soon: not drawn
      now.addAndGet(1);
      bar.advance(1);
    }
    String text = err.toString();

    assertEquals("\rExporting [#######.......................]  25% 1/4"
        + "\rExporting [######################........]  75% 3/4"
        + "\rExporting [######################........]  75% 3/4\n", text);
  }

  @Test
  void unknownTotal_showsTheCount_andOvershootIsCappedAtTheTotal() {
    try (ProgressBar bar = bar(true, -1)) {
      bar.advance(42);
    }
    assertEquals("\rExporting 42\rExporting 42\n", err.toString());

    StringWriter capped = new StringWriter();
    try (ProgressBar bar = new ProgressBar(new PrintWriter(capped), true, "X", 2, now::get)) {
      bar.advance(5);
    }
    assertTrue(capped.toString().endsWith("[##############################] 100% 2/2\n"), capped.toString());
  }

  @Test
  void update_showsProgressCountedElsewhere_withItsTotalOnceKnown_andADetail() {
    try (ProgressBar bar = bar(true, -1)) {
      bar.update(0, -1, "PENDING");
      now.addAndGet(ProgressBar.MIN_REDRAW_NANOS);
      bar.update(1, 2, "RUNNING 5 ok");
    }
    assertEquals("\rExporting 0  PENDING   "
        + "\rExporting [###############...............]  50% 1/2  RUNNING 5 ok   "
        + "\rExporting [###############...............]  50% 1/2  RUNNING 5 ok   \n", err.toString());
  }
}
