package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.prompts.PromptDrafts;
import dev.assay.prompts.PromptMessage;
import dev.assay.prompts.PromptService;
import dev.assay.prompts.PromptVersion;
import dev.assay.prompts.PromptVersionDraft;
import dev.assay.prompts.PromptWithVersion;
import dev.assay.prompts.TemplateFormat;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prompts with immutable numbered versions and labels that point at one version each. */
public abstract class PromptStoreContract extends StoreContract {
  private final AccessScope all = AccessScope.unrestricted();

  static PromptVersionDraft draft(String userText) {
    return PromptDrafts.validate(new PromptVersionDraft("msg " + userText, null, TemplateFormat.MUSTACHE,
        List.of(PromptMessage.of("system", "Be brief."), PromptMessage.of("user", userText)), "open_ai", "gpt-x",
        Map.of("temperature", 0.2, "max_tokens", 50,
            "response_format", Map.of("type", "JSON_SCHEMA", "json_schema", Map.of("schema", Map.of("type", "object")))),
        Map.of("region", "eu")));
  }

  private PromptService service() {
    return new PromptService(store().prompts(), new SpaceService(store().spaces()), clock);
  }

  @Test
  void create_storesPromptAndVersionOne_withContentHash() {
    PromptWithVersion created = store().prompts().create(all, Space.DEFAULT_ID, " greet ", "says hi", draft("Hi {{name}}"));

    assertEquals("greet", created.prompt().name());
    assertEquals("says hi", created.prompt().description());
    PromptVersion v1 = created.version();
    assertEquals(1, v1.number());
    assertEquals(created.prompt().id(), v1.promptId());
    assertEquals("msg Hi {{name}}", v1.commitMessage());
    assertEquals(List.of("SYSTEM", "USER"), v1.messages().stream().map(PromptMessage::role).toList());
    assertEquals("Hi {{name}}", v1.messages().get(1).content());
    assertEquals(TemplateFormat.MUSTACHE, v1.format());
    assertEquals("OPEN_AI", v1.provider());
    assertEquals("gpt-x", v1.model());
    assertEquals(0.2, ((Number) v1.invocationParams().get("temperature")).doubleValue());
    assertEquals(50, ((Number) v1.invocationParams().get("max_tokens")).intValue());
    assertEquals(Map.of("type", "JSON_SCHEMA", "json_schema", Map.of("schema", Map.of("type", "object"))),
        v1.invocationParams().get("response_format"));
    assertEquals(Map.of("region", "eu"), v1.providerParams());
    assertEquals(64, v1.commitHash().length());
    assertEquals(v1, store().prompts().findVersion(all, v1.id()).orElseThrow());
    assertEquals(created.prompt(), store().prompts().findByName(all, Space.DEFAULT_ID, "greet").orElseThrow());
  }

  @Test
  void versions_areNumberedAndImmutable_equalContentHasEqualHash() {
    PromptWithVersion created = store().prompts().create(all, Space.DEFAULT_ID, "p", null, draft("one"));
    clock.advance(Duration.ofSeconds(1));
    PromptVersion v2 = store().prompts().appendVersion(all, created.prompt().id(), draft("two"));
    PromptVersion v3 = store().prompts().appendVersion(all, created.prompt().id(), draft("one"));

    assertEquals(2, v2.number());
    assertEquals(3, v3.number());
    assertEquals(created.version().commitHash(), v3.commitHash());
    assertNotEquals(created.version().commitHash(), v2.commitHash());
    // Version 1 still holds exactly what it was created with.
    assertEquals(created.version(), store().prompts().findVersion(all, created.version().id()).orElseThrow());
    assertEquals(v3, store().prompts().latestVersion(all, created.prompt().id()).orElseThrow());
    Page<PromptVersion> page = store().prompts().listVersions(all, created.prompt().id(), new PageRequest(null, 2));
    assertEquals(List.of(3, 2), page.items().stream().map(PromptVersion::number).toList());
    assertTrue(page.hasMore());
    Page<PromptVersion> rest = store().prompts().listVersions(all, created.prompt().id(),
        new PageRequest(page.nextCursor(), 2));
    assertEquals(List.of(1), rest.items().stream().map(PromptVersion::number).toList());
    assertEquals(clock.instant(), store().prompts().findById(all, created.prompt().id()).orElseThrow().updatedAt());
  }

  @Test
  void duplicateName_isAConflict_andNothingIsStored() {
    store().prompts().create(all, Space.DEFAULT_ID, "dup", null, draft("a"));
    assertThrows(ConflictException.class, () -> store().prompts().create(all, Space.DEFAULT_ID, "dup", null, draft("b")));
    assertEquals(1, store().prompts().list(all, null, null, null, new PageRequest(null, 10)).items().size());
    assertThrows(InvalidInputException.class, () -> store().prompts().create(all, Space.DEFAULT_ID, " ", null, draft("c")));
  }

  @Test
  void labels_moveBetweenVersions_andAreUniquePerPrompt() {
    PromptWithVersion p = store().prompts().create(all, Space.DEFAULT_ID, "labelled", null, draft("one"));
    PromptVersion v1 = p.version();
    PromptVersion v2 = store().prompts().appendVersion(all, p.prompt().id(), draft("two"));
    PromptWithVersion other = store().prompts().create(all, Space.DEFAULT_ID, "other", null, draft("x"));
    store().prompts().setLabels(all, other.version().id(), List.of("production"));

    assertEquals(List.of("production", "staging"),
        store().prompts().setLabels(all, v1.id(), List.of("staging", "production")).labels());
    assertEquals(v1.id(), store().prompts().findByLabel(all, p.prompt().id(), "production").orElseThrow().id());

    PromptVersion moved = store().prompts().setLabels(all, v2.id(), List.of("production"));
    assertEquals(List.of("production"), moved.labels());
    assertEquals(List.of("staging"), store().prompts().findVersion(all, v1.id()).orElseThrow().labels());
    assertEquals(v2.id(), store().prompts().findByLabel(all, p.prompt().id(), "production").orElseThrow().id());
    // Another prompt's label of the same name is untouched.
    assertEquals(other.version().id(),
        store().prompts().findByLabel(all, other.prompt().id(), "production").orElseThrow().id());
    // Setting the same set again changes nothing; an empty set removes all.
    assertEquals(List.of("production"), store().prompts().setLabels(all, v2.id(), List.of("production")).labels());
    assertEquals(List.of(), store().prompts().setLabels(all, v1.id(), List.of()).labels());
    assertTrue(store().prompts().findByLabel(all, p.prompt().id(), "staging").isEmpty());
    // Listing shows each version's labels.
    List<PromptVersion> versions = store().prompts().listVersions(all, p.prompt().id(), new PageRequest(null, 10)).items();
    assertEquals(List.of(List.of("production"), List.of()), versions.stream().map(PromptVersion::labels).toList());

    assertFalse(store().prompts().deleteLabel(all, v1.id(), "production"));
    assertTrue(store().prompts().deleteLabel(all, v2.id(), "production"));
    assertTrue(store().prompts().findByLabel(all, p.prompt().id(), "production").isEmpty());
  }

  @Test
  void concurrentLabelMoves_leaveOneVersionHoldingTheLabel() throws Exception {
    PromptWithVersion p = store().prompts().create(all, Space.DEFAULT_ID, "race", null, draft("one"));
    List<PromptVersion> versions = new java.util.ArrayList<>(List.of(p.version()));
    for (int i = 0; i < 3; i++) {
      versions.add(store().prompts().appendVersion(all, p.prompt().id(), draft("v" + i)));
    }
    Concurrently.run(8, i -> store().prompts().setLabels(all, versions.get(i % versions.size()).id(), List.of("live")));
    long holders = versions.stream()
        .filter(v -> store().prompts().findVersion(all, v.id()).orElseThrow().labels().contains("live")).count();
    assertEquals(1, holders);
  }

  @Test
  void service_resolvesByIdLabelOrLatest_byNameOrId() {
    PromptService prompts = service();
    PromptWithVersion p = prompts.create(all, null, "svc", "d", draft("one"));
    PromptVersion v2 = prompts.createVersion(all, "svc", null, draft("two"));
    prompts.setLabels(all, p.version().id(), List.of("production"));

    assertEquals(v2.id(), prompts.resolve(all, null, "svc", null, null).id());
    assertEquals(p.version().id(), prompts.resolve(all, null, "svc", null, "production").id());
    assertEquals(p.version().id(), prompts.resolve(all, "default", p.prompt().id(), p.version().id(), null).id());
    assertEquals(v2.id(), prompts.version(all, v2.id()).id());
    assertThrows(NotFoundException.class, () -> prompts.resolve(all, null, "svc", null, "staging"));
    assertThrows(NotFoundException.class, () -> prompts.resolve(all, null, "nope", null, null));
    assertThrows(InvalidInputException.class, () -> prompts.get(all, "svc", null, v2.id(), "production"));
    PromptWithVersion other = prompts.create(all, null, "svc2", null, draft("x"));
    assertThrows(NotFoundException.class, () -> prompts.resolve(all, null, "svc", other.version().id(), null));
    assertThrows(InvalidInputException.class, () -> prompts.setLabels(all, v2.id(), List.of("bad label")));
    assertEquals(List.of("production"), prompts.version(all, p.version().id()).labels());

    assertEquals("new", prompts.update(all, "svc", null, "new").description());
    prompts.delete(all, "svc", null);
    assertThrows(NotFoundException.class, () -> prompts.version(all, v2.id()));
    assertTrue(store().prompts().findByLabel(all, p.prompt().id(), "production").isEmpty());
  }

  @Test
  void service_rejectsBadDrafts_beforeWriting() {
    PromptService prompts = service();
    var bad = List.of(
        new PromptVersionDraft(null, null, null, List.of(), "OPEN_AI", null, null, null),
        new PromptVersionDraft(null, null, null, List.of(PromptMessage.of("robot", "x")), "OPEN_AI", null, null, null),
        new PromptVersionDraft(null, null, null, List.of(PromptMessage.of("user", "x")), "NOPE", null, null, null),
        new PromptVersionDraft(null, null, null, List.of(PromptMessage.of("user", "x")), "OPEN_AI", null,
            Map.of("temprature", 1), null),
        new PromptVersionDraft(null, null, null, List.of(PromptMessage.of("user", "x")), "OPEN_AI", null,
            Map.of("response_format", Map.of("type", "JSON_SCHEMA")), null));
    List<String> fields = List.of("messages", "messages[0].role", "provider", "invocation_params.temprature",
        "invocation_params.response_format.json_schema.schema");
    for (int i = 0; i < bad.size(); i++) {
      PromptVersionDraft d = bad.get(i);
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> prompts.create(all, null, "bad", null, d));
      assertTrue(e.getMessage().contains(fields.get(i)), e.getMessage());
    }
    assertTrue(store().prompts().list(all, null, null, null, new PageRequest(null, 10)).items().isEmpty());
  }

  @Test
  void deletingASpace_deletesItsPrompts_versionsAndLabels() {
    Space space = store().spaces().create(all, "prompt-space", null);
    PromptWithVersion p = store().prompts().create(all, space.id(), "gone", null, draft("x"));
    store().prompts().setLabels(all, p.version().id(), List.of("production"));
    PromptWithVersion kept = store().prompts().create(all, Space.DEFAULT_ID, "gone", null, draft("y"));

    assertTrue(store().spaces().delete(all, space.id()));
    assertTrue(store().prompts().findById(all, p.prompt().id()).isEmpty());
    assertTrue(store().prompts().findVersion(all, p.version().id()).isEmpty());
    assertTrue(store().prompts().findByLabel(all, p.prompt().id(), "production").isEmpty());
    assertEquals(kept.prompt(), store().prompts().findById(all, kept.prompt().id()).orElseThrow());
  }
}
