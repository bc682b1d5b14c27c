package dev.assay.cli.users;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.CliException;
import dev.assay.cli.client.ApiClient;
import java.util.Locale;
import java.util.Map;

/** A user named on the command line by email or id. */
public final class UserRef {
  private UserRef() {}

  /** The user {@code ref} (an email when it holds '@', else an id); exit 3 when there is none. */
  public static JsonNode find(ApiClient api, String ref) {
    if (!ref.contains("@")) {
      return api.get("/v2/users/" + ApiClient.segment(ref), Map.of());
    }
    String email = ref.strip().toLowerCase(Locale.ROOT);
    for (JsonNode user : api.list("/v2/users", Map.of("email", ref.strip()), "users", 100).items()) {
      if (email.equals(user.path("email").asText().toLowerCase(Locale.ROOT))) {
        return user;
      }
    }
    throw CliException.notFound("no user with email '" + ref + "' (see `assay users list`)");
  }

  public static String id(ApiClient api, String ref) {
    return find(api, ref).path("id").asText();
  }
}
