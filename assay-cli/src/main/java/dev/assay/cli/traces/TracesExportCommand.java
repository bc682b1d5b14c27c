package dev.assay.cli.traces;

import dev.assay.cli.ClientOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Stream every span of the matching traces (a trace matches when any of its spans does), "
        + "ordered by trace then start time, to stdout or --file.")
public final class TracesExportCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin QueryOptions query;
  @Mixin ExportOptions export;

  @Override
  public Integer call() {
    return export.run(client, query, "/v2/traces/export");
  }
}
