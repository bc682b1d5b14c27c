package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Signing a test's {@link Cli} in to an auth-on {@link LiveServer}, and reading back what it stored. */
public final class AuthTesting {
  public static final String ADMIN_EMAIL = "admin@example.com";
  public static final String ADMIN_PASSWORD = "correct-horse-battery-staple";

  private AuthTesting() {}

  /** {@code assay auth login --email EMAIL --password-stdin} with the password piped; returns the stored key. */
  public static String login(Cli cli, String email, String password) {
    Cli.Result result = cli.stdin(password + "\n").run("auth", "login", "--email", email, "--password-stdin");
    cli.stdin("");
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    String key = storedKey(cli, "default");
    assertSecretAbsent(result, key);
    assertSecretAbsent(result, password);
    return key;
  }

  /** The API key of {@code profile} in the Cli's config.toml, or null. */
  public static String storedKey(Cli cli, String profile) {
    Path file = cli.home().resolve(".assay").resolve("config.toml");
    if (!Files.exists(file)) {
      return null;
    }
    try {
      JsonNode key = new TomlMapper().readTree(file.toFile()).path("profiles").path(profile).path("api_key");
      return key.isTextual() ? key.asText() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Neither stdout nor stderr holds {@code secret}. */
  public static void assertSecretAbsent(Cli.Result result, String secret) {
    assertFalse(result.out().contains(secret), "stdout shows the secret: " + result);
    assertFalse(result.err().contains(secret), "stderr shows the secret: " + result);
  }
}
