package dev.assay.cli.apikeys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.auth.SpaceRole;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.spaces.SpaceRef;
import dev.assay.cli.traces.TimeArgument;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create an API key and print it once: alone on stdout (table output) or as `key` (-o json).",
        "Without --service it is a USER key acting as you. With --service it acts as a new service account holding "
            + "the roles given with --space SPACE=ROLE (ADMIN, MEMBER or VIEWER; at most your own role there).",
        "Example: KEY=$(assay api-keys create --name ci --service --space default=MEMBER --expires 90d)"})
public final class ApiKeysCreateCommand implements Callable<Integer> {
  /** Assay has one implicit organization; AX requires an org entry around the spaces and Assay ignores its id. */
  static final String ORGANIZATION = "default";

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "What the key is for, e.g. ci.")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "A longer description.")
  String description;

  @Option(names = "--expires", paramLabel = "WHEN", description = "Expiry: an ISO-8601 time, a date, or a time from "
      + "now such as 30d or 12h (default: never).")
  String expires;

  @Option(names = "--service", description = "A service key with its own service account (needs --space).")
  boolean service;

  @Option(names = "--space", paramLabel = "SPACE=ROLE", description = "For --service: a space (name or id) and the "
      + "role the key gets there: ADMIN, MEMBER or VIEWER (repeatable).")
  Map<String, String> spaces = new LinkedHashMap<>();

  @Override
  public Integer call() {
    if (!service && !spaces.isEmpty()) {
      throw CliException.usage("--space gives a service key its roles: add --service (a USER key has your roles)");
    }
    if (service && spaces.isEmpty()) {
      throw CliException.usage("a service key needs at least one --space SPACE=ROLE");
    }
    Map<String, SpaceRole> roles = new LinkedHashMap<>();
    spaces.forEach((space, role) -> roles.put(space, role(space, role)));
    ObjectNode body = ApiClient.object().put("key_type", service ? "SERVICE" : "USER").put("name", name);
    if (description != null) {
      body.put("description", description);
    }
    String expiresAt = TimeArgument.future("--expires", expires, Instant.now());
    if (expiresAt != null) {
      body.put("expires_at", expiresAt);
    }
    try (ApiClient api = client.client()) {
      if (service) {
        ArrayNode assignments = body.putArray("organizations").addObject().put("org_id", ORGANIZATION)
            .putArray("spaces");
        roles.forEach((space, role) -> assignments.addObject().put("space_id", SpaceRef.id(api, space))
            .putObject("role").put("type", "PREDEFINED").put("name", role.axName()));
      }
      ApiKeysCommand.printCreated(output.output(), spec.commandLine().getErr(), spec.commandLine().getOut(),
          api.post("/v2/api-keys", body), "Created");
    }
    return ExitCodes.OK;
  }

  static SpaceRole role(String space, String role) {
    SpaceRole parsed = SpaceRole.parse(role);
    if (parsed == null) {
      throw CliException.usage("--space " + space + "=" + role + ": the role must be ADMIN, MEMBER or VIEWER");
    }
    return parsed;
  }
}
