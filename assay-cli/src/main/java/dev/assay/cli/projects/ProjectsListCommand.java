package dev.assay.cli.projects;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.NameFilterOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List projects, ordered by name.")
public final class ProjectsListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;
  @Mixin NameFilterOptions filter;

  @Override
  public Integer call() {
    int max = limit.value();
    try (ApiClient api = client.client()) {
      ApiClient.Listing listing = api.list("/v2/projects", filter.query(client), "projects", max);
      output.output().list(listing.items(), ProjectsCommand.COLUMNS);
      limit.noteTruncation(listing, "projects");
    }
    return ExitCodes.OK;
  }
}
