package dev.assay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.store.DatabaseTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path tmp;
  private Path home;
  private Path workingDir;
  private final Map<String, String> env = new HashMap<>();
  private final Map<ConfigKey, String> flags = new HashMap<>();

  @BeforeEach
  void setUp() {
    home = tmp.resolve("home");
    workingDir = tmp.resolve("work");
  }

  private LoadedConfig load() {
    return new ConfigLoader(env, home).load(flags);
  }

  private ConfigException loadFails() {
    return assertThrows(ConfigException.class, this::load);
  }

  private Path writeFile(Path file, String toml) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, toml);
  }

  @Test
  void load_withNothingSet_givesTheDocumentedDefaultsUnderHome() {
    LoadedConfig loaded = load();

    Path expectedDir = home.resolve(".assay").toAbsolutePath();
    assertEquals(AssayConfig.defaults(expectedDir), loaded.config());
    assertEquals("127.0.0.1", loaded.config().host());
    assertEquals(6006, loaded.config().port());
    assertEquals(4317, loaded.config().grpcPort());
    assertEquals(new DatabaseTarget.DuckDb(expectedDir.resolve("assay.duckdb")), loaded.config().database());
    assertEquals(32L * 1024 * 1024, loaded.config().maxRequestBytes());
    assertEquals(Duration.ofSeconds(10), loaded.config().shutdownTimeout());
    assertEquals(Duration.ofSeconds(10), loaded.config().taskTraceSettle());
    assertEquals(Duration.ofMinutes(15), loaded.config().taskSessionIdle());
    assertTrue(Files.isDirectory(expectedDir), "the working directory is created");
    assertEquals(Optional.empty(), loaded.configFile());
    assertEquals(0, loaded.warnings().size());
  }

  @Test
  void load_precedence_isDefaultThenFileThenEnvironmentThenFlag() throws IOException {
    Path file = writeFile(tmp.resolve("assay.toml"), """
        port = 7001
        grpc_port = 7101
        host = "localhost"
        db_pool_size = 3
        """);
    env.put("ASSAY_CONFIG", file.toString());
    env.put("ASSAY_PORT", "7002");
    env.put("ASSAY_GRPC_PORT", "7102");
    env.put("ASSAY_WORKING_DIR", workingDir.toString());
    flags.put(ConfigKey.PORT, "7003");

    AssayConfig config = load().config();

    assertEquals(7003, config.port(), "flag beats environment");
    assertEquals(7102, config.grpcPort(), "environment beats file");
    assertEquals("localhost", config.host(), "file beats default");
    assertEquals(3, config.dbPoolSize(), "file beats default");
    assertEquals(AssayConfig.DEFAULT_WORKER_CONCURRENCY, config.workerConcurrency(), "default when unset");
  }

  @Test
  void load_readsServerTomlFromTheWorkingDirectory_onlyWhenItExists() throws IOException {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    assertEquals(Optional.empty(), load().configFile());

    Path file = writeFile(workingDir.resolve("server.toml"), "port = 7010\nmax_request_bytes = \"1MiB\"\n");
    LoadedConfig loaded = load();

    assertEquals(Optional.of(file.toAbsolutePath()), loaded.configFile());
    assertEquals(7010, loaded.config().port());
    assertEquals(1024 * 1024, loaded.config().maxRequestBytes());
  }

  @Test
  void load_explicitConfigFileThatDoesNotExist_isAnError() {
    flags.put(ConfigKey.CONFIG, tmp.resolve("missing.toml").toString());

    ConfigException e = loadFails();

    assertTrue(e.getMessage().contains("missing.toml") && e.getMessage().contains("does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("--config"), e.getMessage());
  }

  @Test
  void load_unknownKeyInFile_namesTheKeyAndListsValidOnes() throws IOException {
    env.put("ASSAY_CONFIG", writeFile(tmp.resolve("c.toml"), "prot = 7000\n").toString());

    String message = loadFails().getMessage();

    assertTrue(message.startsWith("unknown key 'prot' in "), message);
    assertTrue(message.contains("valid keys: host, port, grpc_port, working_dir, database_url"), message);
    assertFalse(message.contains("\n"), "one line");
  }

  @Test
  void load_tableInFile_isAnError() throws IOException {
    env.put("ASSAY_CONFIG", writeFile(tmp.resolve("c.toml"), "[port]\nvalue = 1\n").toString());

    assertTrue(loadFails().getMessage().contains("'port'"));
  }

  @Test
  void load_malformedToml_namesTheFileAndLine() throws IOException {
    env.put("ASSAY_CONFIG", writeFile(tmp.resolve("bad.toml"), "host = \"a\"\nport = = 3\n").toString());

    String message = loadFails().getMessage();

    assertTrue(message.contains("bad.toml is not valid TOML") && message.contains("line 2"), message);
    assertFalse(message.contains("\n"), "one line");
  }

  @Test
  void load_unknownAssayEnvironmentVariable_isAWarningNotAnError() {
    env.put("ASSAY_PROT", "7000");
    env.put("ASSAY_URL", "http://elsewhere:6006"); // read by the CLI, so not unknown
    env.put("PATH", "/usr/bin");
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());

    LoadedConfig loaded = load();

    assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
    String warning = loaded.warnings().getFirst();
    assertTrue(warning.startsWith("ignoring environment variable ASSAY_PROT: it is not an Assay setting"), warning);
    assertTrue(warning.contains("ASSAY_PORT"), "lists the known variables: " + warning);
    assertEquals(6006, loaded.config().port());
  }

  @Test
  void load_badPort_isAnErrorNamingTheSource() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());

    env.put("ASSAY_PORT", "http");
    assertEquals("ASSAY_PORT='http' is not a port number (0-65535)", loadFails().getMessage());

    env.remove("ASSAY_PORT");
    flags.put(ConfigKey.PORT, "70000");
    assertEquals("--port '70000' is out of range: use a port number (0-65535)", loadFails().getMessage());

    flags.remove(ConfigKey.PORT);
    flags.put(ConfigKey.GRPC_PORT, "-1");
    assertEquals("--grpc-port '-1' is out of range: use a port number (0-65535)", loadFails().getMessage());
  }

  @Test
  void load_badPortInFile_namesFileAndKey() throws IOException {
    Path file = writeFile(tmp.resolve("c.toml"), "port = \"abc\"\n");
    env.put("ASSAY_CONFIG", file.toString());
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());

    assertEquals("port = 'abc' in " + file + " is not a port number (0-65535)", loadFails().getMessage());
  }

  @Test
  void load_sameHttpAndGrpcPort_isAnError() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    flags.put(ConfigKey.PORT, "4317");

    String message = loadFails().getMessage();

    assertTrue(message.startsWith("the HTTP port and the OTLP/gRPC port are both 4317"), message);
  }

  @Test
  void load_portZero_isAllowedForBothPorts() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    flags.put(ConfigKey.PORT, "0");
    flags.put(ConfigKey.GRPC_PORT, "0");

    assertEquals(0, load().config().port());
  }

  @Test
  void load_workingDirThatCannotBeCreated_isAnError() throws IOException {
    // Tests run as root, where permission bits are not enforced: a directory under a regular file can never exist.
    Path aFile = Files.writeString(tmp.resolve("afile"), "x");
    flags.put(ConfigKey.WORKING_DIR, aFile.resolve("sub").toString());

    String message = loadFails().getMessage();

    assertTrue(message.startsWith("cannot create the working directory " + aFile.resolve("sub") + " (from --working-dir)"),
        message);
    assertTrue(message.endsWith("set --working-dir/ASSAY_WORKING_DIR to a writable directory"), message);
  }

  @Test
  void load_workingDirThatIsAFile_isAnError() throws IOException {
    Path aFile = Files.writeString(tmp.resolve("afile"), "x");
    env.put("ASSAY_WORKING_DIR", aFile.toString());

    assertTrue(loadFails().getMessage().contains("(from ASSAY_WORKING_DIR)"));
  }

  @Test
  void load_tildeInWorkingDir_expandsToHome() {
    flags.put(ConfigKey.WORKING_DIR, "~/data/assay");

    assertEquals(home.resolve("data/assay").toAbsolutePath(), load().config().workingDir());
  }

  @Test
  void load_postgresUrl_selectsPostgresAndKeepsThePasswordOutOfDescriptions() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    env.put("ASSAY_DATABASE_URL", "postgresql://app:s3cret@db.example:5433/assay");

    DatabaseTarget target = load().config().database();

    DatabaseTarget.Postgres pg = assertInstanceOf(DatabaseTarget.Postgres.class, target);
    assertEquals("jdbc:postgresql://db.example:5433/assay", pg.jdbcUrl());
    assertFalse(target.describe().contains("s3cret"));
    assertFalse(load().config().toString().contains("s3cret"));
  }

  @Test
  void load_badDatabaseUrl_isAnErrorWithoutThePassword() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    flags.put(ConfigKey.DATABASE_URL, "mysql://root:hunter2@localhost/db");

    String message = loadFails().getMessage();

    assertTrue(message.startsWith("bad database URL from --database-url: unsupported database URL scheme"), message);
    assertFalse(message.contains("hunter2"), message);
  }

  @Test
  void load_sizesAndDurations_acceptUnits() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    env.put("ASSAY_MAX_REQUEST_BYTES", "512KiB");
    env.put("ASSAY_SHUTDOWN_TIMEOUT", "1500ms");

    AssayConfig config = load().config();
    assertEquals(512 * 1024, config.maxRequestBytes());
    assertEquals(Duration.ofMillis(1500), config.shutdownTimeout());

    env.put("ASSAY_SHUTDOWN_TIMEOUT", "PT2M");
    assertEquals(Duration.ofMinutes(2), load().config().shutdownTimeout());
    env.put("ASSAY_SHUTDOWN_TIMEOUT", "30");
    assertEquals(Duration.ofSeconds(30), load().config().shutdownTimeout());

    env.put("ASSAY_MAX_REQUEST_BYTES", "32MB");
    assertTrue(loadFails().getMessage().startsWith("ASSAY_MAX_REQUEST_BYTES='32MB' is not a size"));
    env.put("ASSAY_MAX_REQUEST_BYTES", "1MiB");
    env.put("ASSAY_SHUTDOWN_TIMEOUT", "soon");
    assertTrue(loadFails().getMessage().startsWith("ASSAY_SHUTDOWN_TIMEOUT='soon' is not a duration"));
  }

  @Test
  void load_taskDelays_fromEnvironmentAndFile() throws IOException {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    writeFile(workingDir.resolve("server.toml"), "task_session_idle = \"2m\"\n");
    env.put("ASSAY_TASK_TRACE_SETTLE", "500ms");

    AssayConfig config = load().config();
    assertEquals(Duration.ofMillis(500), config.taskTraceSettle());
    assertEquals(Duration.ofMinutes(2), config.taskSessionIdle());

    env.put("ASSAY_TASK_SESSION_IDLE", "later");
    assertTrue(loadFails().getMessage().startsWith("ASSAY_TASK_SESSION_IDLE='later' is not a duration"));
  }

  @Test
  void load_blankEnvironmentValue_countsAsUnset() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    env.put("ASSAY_PORT", "");

    assertEquals(6006, load().config().port());
  }

  @Test
  void load_allowedHosts_areParsed_andABadEntryStopsTheStartNamingIt() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    env.put("ASSAY_ALLOWED_HOSTS", " localhost:11434, 10.0.0.0/8 ,[fc00::/7]:8443");
    assertEquals(List.of("localhost:11434", "10.0.0.0/8", "[fc00::/7]:8443"), load().config().security().allowedHosts());

    env.put("ASSAY_ALLOWED_HOSTS", "localhost, 10.0.0.0/99");
    ConfigException e = loadFails();
    assertTrue(e.getMessage().contains("ASSAY_ALLOWED_HOSTS") && e.getMessage().contains("'10.0.0.0/99'"),
        e.getMessage());
  }

  @Test
  void load_nonLoopbackHost_turnsAuthenticationOn() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    flags.put(ConfigKey.HOST, "0.0.0.0");

    LoadedConfig loaded = load();

    assertEquals("0.0.0.0", loaded.config().host());
    assertTrue(loaded.config().security().authEnabled());
  }

  @Test
  void load_loopbackHost_isLocalModeUnlessAuthIsOn() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    assertFalse(load().config().security().authEnabled());

    env.put("ASSAY_AUTH", "on");
    assertTrue(load().config().security().authEnabled());
  }

  @Test
  void load_authOffOnANonLoopbackHost_isRefused() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    flags.put(ConfigKey.HOST, "0.0.0.0");
    env.put("ASSAY_AUTH", "off");

    ConfigException e = assertThrows(ConfigException.class, this::load);
    assertTrue(e.getMessage().contains("not a loopback address"), e.getMessage());
  }

  @Test
  void load_badAuthMode_namesTheValues() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    env.put("ASSAY_AUTH", "maybe");

    ConfigException e = assertThrows(ConfigException.class, this::load);
    assertTrue(e.getMessage().contains("auto, on or off"), e.getMessage());
  }

  @Test
  void load_securitySettings_fromEnvironment_keepThePasswordOutOfDescriptions() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    env.put("ASSAY_ALLOWED_HOSTS", "localhost:11434, 10.0.0.0/8");
    env.put("ASSAY_ADMIN_EMAIL", "admin@example.com");
    env.put("ASSAY_ADMIN_PASSWORD", "correct horse battery");
    env.put("ASSAY_MAX_ATTRIBUTE_BYTES", "64KiB");

    SecuritySettings security = load().config().security();

    assertEquals(List.of("localhost:11434", "10.0.0.0/8"), security.allowedHosts());
    assertEquals("admin@example.com", security.adminEmail());
    assertEquals(64 * 1024, security.maxAttributeBytes());
    assertFalse(load().config().toString().contains("correct horse"));
  }

  @Test
  void load_adminEmailWithoutPassword_isAnError() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    env.put("ASSAY_ADMIN_EMAIL", "admin@example.com");

    ConfigException e = assertThrows(ConfigException.class, this::load);
    assertTrue(e.getMessage().contains("ASSAY_ADMIN_PASSWORD"), e.getMessage());
  }

  @Test
  void load_unknownHost_isAnError() {
    flags.put(ConfigKey.WORKING_DIR, workingDir.toString());
    flags.put(ConfigKey.HOST, "no-such-host.invalid");

    assertTrue(loadFails().getMessage().startsWith("--host 'no-such-host.invalid' is not a known host name"));
  }

  @Test
  void load_flagForAKeyWithoutFlag_isAProgrammingError() {
    flags.put(ConfigKey.DB_POOL_SIZE, "3");

    assertThrows(IllegalArgumentException.class, this::load);
  }
}
