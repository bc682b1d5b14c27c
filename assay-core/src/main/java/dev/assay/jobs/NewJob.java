package dev.assay.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Times;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A job to enqueue. Validated on construction, so a bad job is rejected before any I/O. Start from
 * {@link #of} and refine with the {@code with…} methods:
 * {@code NewJob.of("monitor.tick", "{\"monitor_id\":\"m1\"}").withIdempotencyKey("monitor.tick:m1:1700000000")}.
 *
 * @param kind which {@link JobHandler} runs it: letters, digits and {@code . _ : -}, at most {@value #MAX_KIND_LENGTH} characters
 * @param payloadJson the parameters, a JSON object of at most {@value #MAX_PAYLOAD_CHARS} characters; carry ids, not data
 * @param idempotencyKey enqueueing again with the same key returns the existing job; null for none
 * @param runAfter earliest run time in epoch microseconds; null means as soon as it is enqueued
 * @param priority higher runs first among due jobs; default 0
 * @param maxAttempts tries before the job is dead-lettered, 1 to {@value #MAX_ATTEMPTS_LIMIT}; default {@value #DEFAULT_MAX_ATTEMPTS}
 */
public record NewJob(String kind, String payloadJson, String idempotencyKey, Long runAfter, int priority, int maxAttempts) {
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final int MAX_ATTEMPTS_LIMIT = 100;
  public static final int MAX_KIND_LENGTH = 100;
  public static final int MAX_KEY_LENGTH = 512;
  public static final int MAX_PAYLOAD_CHARS = 1 << 20;
  private static final Pattern KIND = Pattern.compile("[A-Za-z0-9._:-]+");
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public NewJob {
    if (kind == null || kind.length() > MAX_KIND_LENGTH || !KIND.matcher(kind).matches()) {
      throw new InvalidInputException("job kind must be 1 to " + MAX_KIND_LENGTH + " letters, digits or . _ : -, got '" + kind + "'");
    }
    requireJsonObject(payloadJson);
    if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
      throw new InvalidInputException("idempotency key must be 1 to " + MAX_KEY_LENGTH + " characters");
    }
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw new InvalidInputException("maxAttempts must be between 1 and " + MAX_ATTEMPTS_LIMIT + ", got " + maxAttempts);
    }
  }

  /** A job of this kind and payload, due now, priority 0, {@value #DEFAULT_MAX_ATTEMPTS} attempts, no idempotency key. */
  public static NewJob of(String kind, String payloadJson) {
    return new NewJob(kind, payloadJson, null, null, 0, DEFAULT_MAX_ATTEMPTS);
  }

  public NewJob withIdempotencyKey(String key) {
    return new NewJob(kind, payloadJson, key, runAfter, priority, maxAttempts);
  }

  public NewJob withRunAfter(Instant time) {
    return new NewJob(kind, payloadJson, idempotencyKey, time == null ? null : Times.micros(time), priority, maxAttempts);
  }

  public NewJob withPriority(int value) {
    return new NewJob(kind, payloadJson, idempotencyKey, runAfter, value, maxAttempts);
  }

  public NewJob withMaxAttempts(int value) {
    return new NewJob(kind, payloadJson, idempotencyKey, runAfter, priority, value);
  }

  private static void requireJsonObject(String json) {
    if (json == null || json.length() > MAX_PAYLOAD_CHARS) {
      throw new InvalidInputException("job payload must be a JSON object of at most " + MAX_PAYLOAD_CHARS + " characters");
    }
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (Exception e) {
      throw new InvalidInputException("job payload is not valid JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException("job payload must be a JSON object");
    }
  }
}
