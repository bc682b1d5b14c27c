package dev.assay.cli;

import dev.assay.cli.client.ApiClient;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code -l/--limit} option of every list command, and the note on stderr when a list was cut. */
public final class LimitOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = {"-l", "--limit"}, paramLabel = "N", defaultValue = "100",
      description = "Show at most N (default: ${DEFAULT-VALUE}); a note on stderr says when there are more.")
  int limit;

  /** The limit; exit 2 when it is below 1. */
  public int value() {
    if (limit < 1) {
      throw CliException.usage("--limit must be at least 1, got " + limit);
    }
    return limit;
  }

  /** Says on stderr that the list was cut, so nobody mistakes the first page for everything. */
  public void noteTruncation(ApiClient.Listing listing, String what) {
    if (listing.truncated()) {
      PrintWriter err = mixee.commandLine().getErr();
      err.println("note: showing the first " + listing.items().size() + " " + what + "; more exist (raise --limit)");
      err.flush();
    }
  }
}
