package dev.assay.cli.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a webhook's token and headers come from. The token is read from an environment variable or stdin, never from
 * an argument (arguments show in {@code ps} and in shell history); header values may be given inline ({@code --header},
 * as the AX CLI does) or, for secrets, from environment variables ({@code --header-env}).
 */
final class WebhookSecretOptions {
  @Option(names = "--auth-token-env", paramLabel = "VAR",
      description = "Read the auth token (the Bearer token or the HMAC signing secret) from environment variable VAR.")
  String tokenEnv;

  @Option(names = "--auth-token-stdin", description = "Read the auth token from stdin (one line).")
  boolean tokenStdin;

  /** Accepted only to refuse it with a pointer to the safe options (else picocli would echo the token on stderr). */
  @Option(names = "--auth-token", hidden = true, paramLabel = "TOKEN")
  String tokenArgument;

  @Option(names = "--header", paramLabel = "NAME=VALUE",
      description = "Send this header with every delivery (repeatable). Shown in `ps`: use --header-env for secrets.")
  List<String> headers;

  @Option(names = "--header-env", paramLabel = "NAME=VAR",
      description = "Send header NAME with the value of environment variable VAR (repeatable); stored encrypted.")
  Map<String, String> headerEnv;

  /** The token, or null when none was given; exit 2 for an inline token, an unset variable or an empty stdin. */
  String token(ClientOptions client) {
    if (tokenArgument != null) {
      throw CliException.usage("the auth token is never taken as an argument (it would show in `ps` and shell history): "
          + "use --auth-token-env VAR or --auth-token-stdin");
    }
    if (tokenEnv != null && tokenStdin) {
      throw CliException.usage("give either --auth-token-env or --auth-token-stdin, not both");
    }
    if (tokenEnv != null) {
      return variable(client, tokenEnv, "--auth-token-env");
    }
    if (!tokenStdin) {
      return null;
    }
    try {
      // Not closed: closing would close the process's stdin.
      String text = new String(client.environment().stdin().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw CliException.usage("--auth-token-stdin: nothing was read from stdin");
      }
      return text;
    } catch (IOException e) {
      throw CliException.failure("--auth-token-stdin: cannot read stdin: " + e.getMessage());
    }
  }

  /** Whether any header option was given. */
  boolean hasHeaders() {
    return headers != null || headerEnv != null;
  }

  /** Puts {@code headers} (all of --header and --header-env) into {@code body}; header names ignore case. */
  void putHeaders(ClientOptions client, ObjectNode body) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    if (headers != null) {
      for (String raw : headers) {
        int eq = raw.indexOf('=');
        if (eq <= 0) {
          throw CliException.usage("--header '" + raw.split("=", 2)[0] + "…' must be NAME=VALUE with a non-empty name");
        }
        add(out, seen, raw.substring(0, eq).strip(), raw.substring(eq + 1).strip());
      }
    }
    if (headerEnv != null) {
      headerEnv.forEach((name, var) -> add(out, seen, name.strip(), variable(client, var, "--header-env " + name)));
    }
    ObjectNode node = body.putObject("headers");
    out.forEach(node::put);
  }

  private static void add(Map<String, String> out, Map<String, String> seen, String name, String value) {
    if (seen.put(name.toLowerCase(Locale.ROOT), name) != null) {
      throw CliException.usage("header '" + name + "' is given twice (header names ignore case)");
    }
    out.put(name, value);
  }

  /** The variable's value; a usage error naming the variable (never a value) when it is unset. */
  private static String variable(ClientOptions client, String variable, String option) {
    String value = client.environment().get(variable);
    if (value == null) {
      throw CliException.usage(option + ": environment variable " + variable + " is not set");
    }
    return value;
  }
}
