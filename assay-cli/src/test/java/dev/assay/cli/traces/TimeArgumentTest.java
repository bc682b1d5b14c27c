package dev.assay.cli.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.cli.CliException;
import dev.assay.cli.ExitCodes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  @Test
  void acceptsIsoTimesDatesAndTimesAgo() {
    assertEquals("2026-01-01T12:00:00Z", TimeArgument.parse("--start-time", "2026-01-01T12:00:00Z", NOW));
    assertEquals("2026-01-01T10:00:00Z", TimeArgument.parse("--start-time", "2026-01-01T12:00:00+02:00", NOW));
    assertEquals("2026-01-01T00:00:00Z", TimeArgument.parse("--start-time", "2026-01-01", NOW));
    assertEquals("2026-03-10T11:30:00Z", TimeArgument.parse("--start-time", "30m", NOW));
    assertEquals("2026-03-10T11:00:00Z", TimeArgument.parse("--start-time", "1h", NOW));
    assertEquals("2026-03-03T12:00:00Z", TimeArgument.parse("--start-time", "7d", NOW));
    assertEquals("2026-02-24T12:00:00Z", TimeArgument.parse("--start-time", "2w", NOW));
    assertEquals("2026-03-10T11:59:15Z", TimeArgument.parse("--start-time", "45s", NOW));
    assertNull(TimeArgument.parse("--start-time", null, NOW));
  }

  @Test
  void anythingElse_isAUsageErrorNamingTheOption() {
    for (String bad : new String[] {"yesterday", "1y", "-1h", "2026-13-01", ""}) {
      CliException e = assertThrows(CliException.class, () -> TimeArgument.parse("--end-time", bad, NOW), bad);
      assertEquals(ExitCodes.USAGE, e.exitCode());
      assertEquals(true, e.getMessage().startsWith("--end-time"), e.getMessage());
    }
  }

  @Test
  void future_countsForwardFromNow_andLength_isADuration() {
    assertEquals("2026-04-09T12:00:00Z", TimeArgument.future("--expires", "30d", NOW));
    assertEquals("2027-01-01T00:00:00Z", TimeArgument.future("--expires", "2027-01-01", NOW));
    assertEquals(java.time.Duration.ofMinutes(5), TimeArgument.length("--grace", "5m"));
    CliException e = assertThrows(CliException.class, () -> TimeArgument.length("--grace", "soon"));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertEquals(true, e.getMessage().startsWith("--grace"), e.getMessage());
  }
}
