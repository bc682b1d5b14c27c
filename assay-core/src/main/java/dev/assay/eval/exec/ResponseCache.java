package dev.assay.eval.exec;

import dev.assay.llm.ChatRequest;
import dev.assay.llm.ChatResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers by (model config, model, rendered messages, parameters, schema/tool), least recently used evicted first.
 * Keys are SHA-256 digests so the cache holds no prompt text (span content) beyond the answers themselves.
 */
final class ResponseCache {
  private final int capacity;
  private final Map<String, ChatResponse> entries;

  ResponseCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ChatResponse> eldest) {
        return size() > ResponseCache.this.capacity;
      }
    };
  }

  boolean enabled() {
    return capacity > 0;
  }

  synchronized ChatResponse get(String key) {
    return entries.get(key);
  }

  synchronized void put(String key, ChatResponse response) {
    if (capacity > 0) {
      entries.put(key, response);
    }
  }

  synchronized int size() {
    return entries.size();
  }

  static String key(String configId, ChatRequest request) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      update(d, configId);
      update(d, request.model());
      for (ChatRequest.Message m : request.messages()) {
        update(d, m.role());
        update(d, m.content());
      }
      update(d, new TreeMap<>(request.parameters()).toString());
      update(d, request.responseSchemaJson());
      if (request.tool() != null) {
        update(d, request.tool().name());
        update(d, request.tool().description());
        update(d, request.tool().parametersSchemaJson());
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest d, String s) {
    if (s == null) {
      d.update((byte) 0);
    } else {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      d.update((byte) 1);
      d.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      d.update((byte) ':');
      d.update(bytes);
    }
  }
}
