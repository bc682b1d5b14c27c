package dev.assay.cli.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.ExitCodes;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay profiles ...}, the config.toml file, and which URL and key a command ends up using. */
class ProfilesCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "ak-0123456789abcdef";

  @TempDir Path tmp;
  private Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(tmp);
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    return result;
  }

  private Path configFile() {
    return cli.home().resolve(".assay").resolve("config.toml");
  }

  private static void assertExit(int code, Executable executable) {
    try {
      executable.execute();
    } catch (CliException e) {
      assertEquals(code, e.exitCode(), e.getMessage());
      return;
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
    throw new AssertionError("expected exit " + code);
  }

  @Test
  void create_writesAnOwnerOnlyTomlFile_andTheFirstProfileBecomesActive() throws Exception {
    ok("profiles", "create", "local", "--url", "http://127.0.0.1:6006/");
    ok("profiles", "create", "team", "--url", "https://assay.example.com", "--api-key", KEY, "--space", "evals");

    assertEquals("""
        # Assay CLI profiles, written by `assay profiles`. May hold API keys: keep it private.
        active = "local"

        [profiles.local]
        url = "http://127.0.0.1:6006"

        [profiles.team]
        url = "https://assay.example.com"
        api_key = "%s"
        space = "evals"
        """.formatted(KEY), Files.readString(configFile()));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile())));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile().getParent())));
  }

  @Test
  void anyValue_survivesTheFile() {
    String odd = "sp\"ace \\ tab\t é 🙂";
    ProfilesFile written = new ProfilesFile("x", Map.of("x", new Profile("http://h:1", odd, odd)));
    ProfileStore store = new ProfileStore(tmp.resolve("cfg"));

    store.save(written);

    assertEquals(written, store.load());
  }

  @Test
  void listAndShow_maskTheKey_andMarkTheActiveProfile() throws Exception {
    ok("profiles", "create", "local", "--url", "http://127.0.0.1:6006");
    ok("profiles", "create", "team", "--url", "https://assay.example.com", "--api-key", KEY, "--use");

    Cli.Result list = ok("profiles", "list", "-o", "json");
    JsonNode rows = JSON.readTree(list.out());
    assertEquals(2, rows.size());
    assertFalse(rows.get(0).get("active").asBoolean());
    assertTrue(rows.get(1).get("active").asBoolean());
    assertEquals("****cdef", rows.get(1).get("api_key").asText());

    Cli.Result show = ok("profiles", "show");
    assertTrue(show.out().contains("team") && show.out().contains("****cdef"), show.out());
    for (Cli.Result result : new Cli.Result[] {list, show, ok("profiles", "show", "team", "-o", "csv")}) {
      assertFalse(result.out().contains(KEY) || result.err().contains(KEY), "the key is never printed whole");
    }
  }

  @Test
  void mask_showsAtMostTheLastFourCharacters() {
    assertEquals("", Profile.mask(null));
    assertEquals("****", Profile.mask("short"));
    assertEquals("****", Profile.mask("elevenchars"));
    assertEquals("****ef12", Profile.mask("abcdefabcdef12"));
  }

  @Test
  void use_switchesTheActiveProfile_andDelete_removesOne() throws Exception {
    ok("profiles", "create", "a", "--url", "http://127.0.0.1:1");
    ok("profiles", "create", "b", "--url", "http://127.0.0.1:2");

    assertEquals("Active profile: b\n", ok("profiles", "use", "b").err());
    assertEquals("b", JSON.readTree(ok("profiles", "show", "-o", "json").out()).get("name").asText());

    Cli.Result refused = cli.run("profiles", "delete", "b");
    assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.toString());
    assertEquals("Deleted profile 'b'. No profile is active now.\n", ok("profiles", "delete", "b", "--force").err());
    assertEquals(1, JSON.readTree(ok("profiles", "list", "-o", "json").out()).size());
    assertEquals(ExitCodes.NOT_FOUND, cli.run("profiles", "show").exitCode());
  }

  @Test
  void mistakes_getTheirExitCodes() {
    ok("profiles", "create", "local", "--url", "http://127.0.0.1:6006");

    Cli.Result duplicate = cli.run("profiles", "create", "local", "--url", "http://127.0.0.1:6006");
    assertEquals(ExitCodes.FAILURE, duplicate.exitCode(), duplicate.toString());
    Cli.Result badUrl = cli.run("profiles", "create", "x", "--url", "localhost:6006");
    assertEquals(ExitCodes.USAGE, badUrl.exitCode(), badUrl.toString());
    assertEquals("assay: bad server URL 'localhost:6006': expected http://HOST:PORT or https://HOST\n", badUrl.err());
    assertEquals(ExitCodes.USAGE, cli.run("profiles", "create", "bad name", "--url", "http://h").exitCode());
    Cli.Result missing = cli.run("profiles", "use", "nowhere");
    assertEquals(ExitCodes.NOT_FOUND, missing.exitCode());
    assertEquals("assay: no profile named 'nowhere' in " + configFile() + " (profiles: local)\n", missing.err());
    assertEquals(ExitCodes.NOT_FOUND, cli.run("projects", "list", "--profile", "nowhere").exitCode());
  }

  @Test
  void badToml_isExit1_withOneLineNamingTheFileAndLine() throws Exception {
    Files.createDirectories(configFile().getParent());
    Files.writeString(configFile(), "active = \"local\"\n[profiles.local\nurl = 1\n");

    Cli.Result result = cli.run("profiles", "list");

    assertEquals(ExitCodes.FAILURE, result.exitCode(), result.toString());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().startsWith("assay: cannot read " + configFile() + ": "), result.err());
    assertTrue(result.err().contains("(line 2)"), result.err());
  }

  @Test
  void unknownKey_isExit1_namingTheKey() throws Exception {
    Files.createDirectories(configFile().getParent());
    Files.writeString(configFile(), "[profiles.local]\nurl = \"http://h\"\napikey = \"x\"\n");

    Cli.Result result = cli.run("projects", "list");

    assertEquals(ExitCodes.FAILURE, result.exitCode(), result.toString());
    assertTrue(result.err().startsWith("assay: cannot read " + configFile() + ": unknown key 'apikey'"), result.err());
  }

  @Test
  void assayConfigHome_movesTheFile() {
    Path elsewhere = tmp.resolve("elsewhere");
    cli.env("ASSAY_CONFIG_HOME", elsewhere.toString());

    ok("profiles", "create", "local", "--url", "http://127.0.0.1:6006");

    assertTrue(Files.exists(elsewhere.resolve("config.toml")));
    assertFalse(Files.exists(configFile()));
  }

  @Test
  void precedence_flagThenEnvironmentThenProfileThenDefault() {
    ok("profiles", "create", "local", "--url", "http://127.0.0.1:6006", "--api-key", KEY, "--space", "s1");
    ok("profiles", "create", "other", "--url", "http://other:7000", "--api-key", "ak-other-000000000");
    Map<String, String> env = new HashMap<>();

    assertEquals(new Connection(URI.create("http://127.0.0.1:6006"), KEY, "s1", "local"), resolve(env, null, null));
    assertEquals(new Connection(URI.create("http://other:7000"), "ak-other-000000000", null, "other"),
        resolve(env, "other", null));

    env.put("ASSAY_URL", "http://env:1");
    env.put("ASSAY_API_KEY", "env-key");
    assertEquals(new Connection(URI.create("http://env:1"), "env-key", "s1", "local"), resolve(env, null, null));
    assertEquals(URI.create("http://flag:2"), resolve(env, "other", "http://flag:2").url());

    assertEquals(new Connection(URI.create("http://127.0.0.1:6006"), null, null, null),
        Connection.resolve(environment(Map.of(), tmp.resolve("empty-home")), null, null));
  }

  @Test
  void aProfilesKey_isNeverSentToAnotherUrl() {
    ok("profiles", "create", "local", "--url", "http://127.0.0.1:6006", "--api-key", KEY);

    assertNull(resolve(Map.of("ASSAY_URL", "http://elsewhere:1"), null, null).apiKey());
    assertNull(resolve(Map.of(), null, "http://elsewhere:1").apiKey());
    assertEquals(KEY, resolve(Map.of(), null, "http://127.0.0.1:6006").apiKey());
  }

  @Test
  void profileErrors_surfaceFromResolve() {
    assertExit(ExitCodes.NOT_FOUND, () -> resolve(Map.of(), "missing", null));
    assertExit(ExitCodes.USAGE, () -> resolve(Map.of("ASSAY_URL", "ftp://x"), null, null));
  }

  private Connection resolve(Map<String, String> env, String profile, String url) {
    return Connection.resolve(environment(env, cli.home()), profile, url);
  }

  private CliEnvironment environment(Map<String, String> env, Path home) {
    return new CliEnvironment(env, home, cli.workingDir(), new ByteArrayInputStream(new byte[0]), false);
  }

}
