package dev.assay.cli.spaces;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List spaces, ordered by name.")
public final class SpacesListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Option(names = "--name", paramLabel = "TEXT", description = "Only spaces whose name contains TEXT (ignoring case).")
  String name;

  @Override
  public Integer call() {
    int max = limit.value();
    Map<String, String> query = new HashMap<>();
    query.put("name", name);
    try (ApiClient api = client.client()) {
      ApiClient.Listing listing = api.list("/v2/spaces", query, "spaces", max);
      output.output().list(listing.items(), SpacesCommand.COLUMNS);
      limit.noteTruncation(listing, "spaces");
    }
    return ExitCodes.OK;
  }
}
