package dev.assay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {

  @Test
  void everyKey_hasAnAssayEnvironmentNameAndADescription() {
    for (ConfigKey key : ConfigKey.values()) {
      assertTrue(key.env().matches("ASSAY_[A-Z0-9_]+"), key.env());
      assertFalse(key.description().isBlank(), key + " has no description");
      assertFalse(key.defaultValue().isBlank(), key + " has no documented default");
      key.fileKey().ifPresent(f -> assertTrue(f.matches("[a-z0-9_]+"), "file keys are snake_case: " + f));
      key.flag().ifPresent(f -> assertTrue(f.matches("--[a-z0-9-]+"), "flags are long options: " + f));
    }
  }

  @Test
  void names_areUnique() {
    Set<String> seen = new HashSet<>();
    for (ConfigKey key : ConfigKey.values()) {
      assertTrue(seen.add(key.env()), key.env());
      key.fileKey().ifPresent(f -> assertTrue(seen.add("file:" + f), f));
      key.flag().ifPresent(f -> assertTrue(seen.add(f), f));
    }
  }

  @Test
  void onlyServerKeys_appearInTheServerFileOrAsServerFlags() {
    Arrays.stream(ConfigKey.values()).filter(k -> k.scope() != ConfigKey.Scope.SERVER).forEach(k -> {
      assertTrue(k.fileKey().isEmpty(), k + " is not a server key");
      assertTrue(k.flag().isEmpty(), k + " is not a server key");
    });
  }

  @Test
  void howToSet_namesFlagAndVariable() {
    assertEquals("--port/ASSAY_PORT", ConfigKey.PORT.howToSet());
    assertEquals("ASSAY_DB_POOL_SIZE", ConfigKey.DB_POOL_SIZE.howToSet());
  }
}
