package dev.assay.cli.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.SecretInput;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.client.ApiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.HttpCookie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code assay auth change-password}: a user with a temporary password gets no CLI key until it chooses its own, and
 * a headless server may have no browser nearby; so the CLI signs in as the web UI does (a session cookie and its CSRF
 * token, never stored), changes the password, and signs the session out.
 */
@Command(name = "change-password", mixinStandardHelpOptions = true,
    description = {"Change your password, e.g. the temporary one an admin gave you (then `assay auth login`).",
        "The current and the new password are typed without echo, or read from stdin with --password-stdin (two "
            + "lines: current, then new). The new one has 12 to 256 characters."})
public final class AuthChangePasswordCommand implements Callable<Integer> {
  static final String SESSION_COOKIE = "assay_session";

  private final CliEnvironment env;

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "Your email.")
  String email;

  @Option(names = "--password-stdin", description = "Read the current and the new password from stdin, one a line.")
  boolean passwordStdin;

  AuthChangePasswordCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    String[] passwords = passwords(err);
    URI url = client.connection().url();
    try (ApiClient api = client.client(url, null)) {
      ApiClient.Answer login;
      try {
        login = api.postWithHeaders("/auth/login", ApiClient.object().put("email", email.strip())
            .put("password", passwords[0]), Map.of());
      } catch (ApiException e) {
        if (e.status() == 401) {
          throw new CliException(ExitCodes.AUTH, "sign-in to Assay at " + url + " failed: " + e.detail());
        }
        throw e;
      }
      Map<String, String> session = session(login, url);
      ObjectNode change = ApiClient.object().put("current_password", passwords[0]).put("new_password", passwords[1]);
      try {
        api.postWithHeaders("/auth/password", change, session);
      } finally {
        signOut(api, session);
      }
    }
    err.println("Password changed for " + email.strip() + ". Sign the CLI in with `assay auth login --email "
        + email.strip() + "`.");
    err.flush();
    return ExitCodes.OK;
  }

  /** The current and the new password. */
  private String[] passwords(PrintWriter err) {
    if (passwordStdin) {
      try {
        // Not closed: closing would close the process's stdin.
        BufferedReader in = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8));
        String current = in.readLine();
        String next = in.readLine();
        if (current == null || current.isEmpty() || next == null || next.isEmpty()) {
          throw CliException.usage("--password-stdin expects two lines on stdin: the current password, then the "
              + "new one");
        }
        return new String[] {current, next};
      } catch (IOException e) {
        throw CliException.failure("cannot read stdin: " + e.getMessage());
      }
    }
    if (!env.interactive()) {
      throw CliException.usage("no terminal to type the passwords on: pipe them with --password-stdin (two lines)");
    }
    String current = SecretInput.prompt(env, err, "Current password: ", true);
    String next = SecretInput.prompt(env, err, "New password (12 to 256 characters): ", true);
    String again = SecretInput.prompt(env, err, "New password again: ", true);
    if (current == null || current.isEmpty() || next == null || next.isEmpty()) {
      throw CliException.usage("no password given");
    }
    if (!next.equals(again)) {
      throw CliException.usage("the new passwords differ; nothing was changed");
    }
    return new String[] {current, next};
  }

  /** The headers a browser session sends: its cookie and the CSRF token every non-GET request needs. */
  private static Map<String, String> session(ApiClient.Answer login, URI url) {
    String csrf = login.body().path("csrf_token").asText(null);
    for (String header : login.headers().allValues("Set-Cookie")) {
      for (HttpCookie cookie : HttpCookie.parse(header)) {
        if (SESSION_COOKIE.equals(cookie.getName()) && csrf != null) {
          return Map.of("Cookie", SESSION_COOKIE + "=" + cookie.getValue(), "X-CSRF-Token", csrf);
        }
      }
    }
    throw CliException.failure("Assay at " + url + " signed in without a session cookie; is it an Assay server?");
  }

  /** Ends the session at once rather than leaving it valid for 12 hours; a failure here changes nothing. */
  private static void signOut(ApiClient api, Map<String, String> session) {
    try {
      api.postWithHeaders("/auth/logout", ApiClient.object(), session);
    } catch (CliException ignored) {
      // the session expires on its own
    }
  }

  /** For the login refusal: where a user whose password is temporary goes next. */
  static String hint(String email) {
    return "run `assay auth change-password --email " + email + "`, then sign in again";
  }
}
