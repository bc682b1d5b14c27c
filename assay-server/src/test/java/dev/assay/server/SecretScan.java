package dev.assay.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test suite's response secret scan: installed on every {@link TestServer}, it remembers each secret that a
 * request carried (API keys, passwords, tokens, the values of {@code headers} objects, bearer tokens, session
 * cookies) and fails any later response whose body contains one: the response becomes a 500 naming the leak and
 * the leak is recorded, so {@link TestServer#close()} fails the test even when the test never looked at that body.
 */
final class SecretScan {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** JSON fields whose values are secrets wherever they appear in a request body. */
  private static final Set<String> SECRET_FIELDS = Set.of("api_key", "apikey", "password", "new_password",
      "current_password", "auth_token", "secret", "token", "setup_token", "client_secret", "access_token",
      "refresh_token", "private_key", "temporary_password");
  /** Shorter values would match ordinary text by chance. */
  private static final int MIN_LENGTH = 8;

  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final List<String> leaks = new CopyOnWriteArrayList<>();

  /** Adds the recording before-handler and the checking after-handler. */
  void install(RoutesConfig routes) {
    routes.before(this::remember);
    routes.after(this::check);
  }

  /** The leaks seen so far, one line each. */
  List<String> leaks() {
    return List.copyOf(leaks);
  }

  /** Records {@code value} as a secret the server was given, described by {@code where} (tests plant leaks with it). */
  void remember(String value, String where) {
    // A mask sent back ("********", meaning "keep the stored value") is not a secret.
    if (value != null && value.strip().length() >= MIN_LENGTH && !value.strip().matches("\\*+")) {
      secrets.putIfAbsent(value.strip(), where);
    }
  }

  private void remember(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      remember(authorization.substring(7), "an Authorization bearer token");
    }
    remember(ctx.header("api_key"), "an api_key header");
    remember(ctx.cookie("assay_session"), "the session cookie");
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).contains("json") || ctx.path().startsWith("/v1/")) {
      return; // OTLP bodies are span data (their "key"s are attribute names), not credentials
    }
    byte[] bytes = ctx.bodyAsBytes(); // a body over the size limit fails here with its 413, as in the handler
    JsonNode body;
    try {
      body = JSON.readTree(bytes);
    } catch (java.io.IOException notJson) {
      return;
    }
    if (body != null) {
      collect(body, ctx.method() + " " + ctx.path());
    }
  }

  private void collect(JsonNode node, String request) {
    if (node.isObject()) {
      node.properties().forEach(field -> {
        String name = field.getKey().toLowerCase(Locale.ROOT);
        JsonNode value = field.getValue();
        if (value.isTextual() && (SECRET_FIELDS.contains(name) || (name.equals("key") && value.asText().startsWith("ak-")))) {
          remember(value.asText(), "field '" + field.getKey() + "' of " + request);
        } else if (name.equals("headers") && value.isObject()) {
          value.properties().forEach(h -> {
            if (h.getValue().isTextual()) {
              remember(h.getValue().asText(), "header '" + h.getKey() + "' in the body of " + request);
            }
          });
        } else {
          collect(value, request);
        }
      });
    } else if (node.isArray()) {
      node.forEach(item -> collect(item, request));
    }
  }

  private void check(Context ctx) {
    String body;
    try {
      body = ctx.result();
    } catch (RuntimeException unreadable) {
      return;
    }
    if (body == null || body.isEmpty()) {
      return;
    }
    List<String> found = new ArrayList<>();
    secrets.forEach((secret, where) -> {
      if (body.contains(secret)) {
        found.add(where);
      }
    });
    if (!found.isEmpty()) {
      String leak = ctx.method() + " " + ctx.path() + " answered with a secret: " + String.join(", ", found);
      leaks.add(leak);
      ctx.status(500).contentType("application/problem+json")
          .result("{\"title\":\"Secret leaked\",\"status\":500,\"detail\":\"" + leak.replace("\"", "'") + "\"}");
    }
  }
}
