package dev.assay.cli.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assay users}: the server's user accounts and their space roles, over {@code /v2/users} and space members. */
@Command(name = "users", mixinStandardHelpOptions = true,
    description = {"Manage users (account admins): create, list, show, change, reset passwords, delete; grant and revoke "
        + "their roles in spaces (space admins).",
        "Users are named by email or id, spaces by name or id. Account roles: ADMIN (everything, every space) or "
            + "MEMBER (what its space roles allow). Space roles: ADMIN, MEMBER (writes data), VIEWER (reads)."},
    subcommands = {UsersListCommand.class, UsersGetCommand.class, UsersCreateCommand.class, UsersUpdateCommand.class,
        UsersDeleteCommand.class, UsersResetPasswordCommand.class, UsersGrantCommand.class, UsersRevokeCommand.class})
public final class UsersCommand {
  static final List<String> COLUMNS = List.of("name", "email", "id", "role", "status", "must_change_password",
      "created_at");
  static final List<String> MEMBER_COLUMNS = List.of("email", "user_id", "space", "space_id", "role");

  private UsersCommand() {}

  static String path(String id) {
    return "/v2/users/" + ApiClient.segment(id);
  }

  /** A user for tables and CSV: its account role as a word instead of AX's role object. */
  static JsonNode row(Output out, JsonNode user) {
    if (out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL) {
      return user;
    }
    ObjectNode row = ApiClient.object();
    for (String column : COLUMNS) {
      row.set(column, user.path(column));
    }
    row.put("role", user.path("role").path("name").asText(""));
    return row;
  }

  /** A user from an answer that may wrap it ({@code {"user": …, "temporary_password": …}}) or be it. */
  static JsonNode user(JsonNode answer) {
    return answer.path("user").isObject() ? answer.get("user") : answer;
  }

  /**
   * A temporary password, printed once. Table output: what it is on stderr and the password alone on stdout; other
   * formats: {@code answer} whole, {@code temporary_password} included.
   */
  static void printTemporaryPassword(Output out, PrintWriter err, PrintWriter stdout, JsonNode answer, JsonNode user,
      String what) {
    if (out.format() != OutputFormat.TABLE) {
      out.item(answer, COLUMNS);
      return;
    }
    err.println(what + " " + user.path("name").asText() + " <" + user.path("email").asText() + "> (" + user.path("id")
        .asText() + "). Temporary password, shown only this once; it must be changed at the first sign-in:");
    err.flush();
    stdout.print(answer.path("temporary_password").asText() + "\n");
    stdout.flush();
  }
}
