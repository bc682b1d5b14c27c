package dev.assay.cli.traces;

import dev.assay.cli.CliException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of {@code --start-time}/{@code --end-time}: an ISO-8601 time ({@code 2026-01-01T12:00:00Z}, an offset
 * such as {@code +02:00} is converted to UTC), a date ({@code 2026-01-01}, midnight UTC), or a time relative to now
 * ({@code 30m}, {@code 1h}, {@code 7d}, {@code 2w}: that long ago). Anything else is a usage error (exit 2).
 */
public final class TimeArgument {
  private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})([smhdw])");

  private TimeArgument() {}

  /** The time as the API's ISO-8601 UTC text, or null when {@code value} is null. */
  public static String parse(String option, String value, Instant now) {
    if (value == null) {
      return null;
    }
    Duration ago = duration(value.strip());
    if (ago != null) {
      return now.minus(ago).toString();
    }
    return absolute(option, value, "a time ago (30m, 1h, 7d, 2w)");
  }

  /**
   * A time in the future ({@code --expires}): ISO-8601 or a date as for {@link #parse}, or a length of time from now
   * ({@code 30d}: in thirty days). Null when {@code value} is null.
   */
  public static String future(String option, String value, Instant now) {
    if (value == null) {
      return null;
    }
    Duration ahead = duration(value.strip());
    if (ahead != null) {
      return now.plus(ahead).toString();
    }
    return absolute(option, value, "a time from now (12h, 30d, 2w)");
  }

  /** A length of time ({@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}, {@code 2w}); exit 2 for anything else. */
  public static Duration length(String option, String value) {
    Duration length = duration(value.strip());
    if (length == null) {
      throw CliException.usage(option + " must be a length of time such as 30s, 5m, 1h or 7d; got '" + value + "'");
    }
    return length;
  }

  private static Duration duration(String text) {
    Matcher relative = RELATIVE.matcher(text);
    if (!relative.matches()) {
      return null;
    }
    long n = Long.parseLong(relative.group(1));
    return switch (relative.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  private static String absolute(String option, String value, String relativeForm) {
    String text = value.strip();
    try {
      return OffsetDateTime.parse(text).toInstant().toString();
    } catch (DateTimeParseException notATime) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
      } catch (DateTimeParseException notADate) {
        throw CliException.usage(option + " must be an ISO-8601 time (2026-01-01T12:00:00Z), a date (2026-01-01) or "
            + relativeForm + "; got '" + value + "'");
      }
    }
  }
}
