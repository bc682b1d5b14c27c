package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.auth.AccessScope;
import dev.assay.spaces.Space;
import org.junit.jupiter.api.Test;

public abstract class ProjectStoreContract extends StoreContract {
  private final AccessScope all = AccessScope.unrestricted();

  @Test
  void create_thenFindByIdAndName() {
    var created = store().projects().create(all, Space.DEFAULT_ID, "chatbot", "support bot");
    assertEquals(created, store().projects().findById(all, created.id()).orElseThrow());
    assertEquals(created, store().projects().findByName(all, Space.DEFAULT_ID, "chatbot").orElseThrow());
  }
}
