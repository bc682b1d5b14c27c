package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One fuzz target's run against a {@link LiveTarget}: each input's answer is classified by status; a 5xx, a 4xx that is
 * not a problem document, or a 4xx after which a table's row count changed is a failure (with the input, shortened).
 * An accepted input (2xx) may store what it held, so the baseline moves past it. Counts are printed at the end.
 */
final class FuzzRun {
  private final String name;
  private final LiveTarget target;
  private final Map<String, Integer> outcomes = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  private int inputs;

  FuzzRun(String name, LiveTarget target) {
    this.name = name;
    this.target = target;
  }

  /** Sends one input ({@code send}) and checks its answer; {@code shown} describes the input in a failure. */
  void check(String kind, Supplier<HttpTestClient.Reply> send, Supplier<String> shown) {
    inputs++;
    HttpTestClient.Reply reply;
    try {
      reply = send.get();
    } catch (RuntimeException e) {
      failures.add(kind + ": the request failed (" + e + ") for " + shorten(shown.get()));
      outcomes.merge(kind + " io-error", 1, Integer::sum);
      return;
    }
    int status = reply.status();
    outcomes.merge(kind + " " + status, 1, Integer::sum);
    if (status / 100 == 2) {
      target.rebase();
    } else if (status >= 500) {
      failures.add(kind + ": " + status + " " + shorten(reply.body()) + " for " + shorten(shown.get()));
    } else {
      try {
        LiveTarget.assertProblemJson(reply);
      } catch (AssertionError e) {
        failures.add(kind + ": not a problem document (" + e.getMessage() + ") for " + shorten(shown.get()));
      }
      if (!target.unchanged()) {
        failures.add(kind + ": " + status + " but something was stored, for " + shorten(shown.get()));
        target.rebase();
      }
    }
    if (inputs % 500 == 0) {
      target.assertHealthy();
    }
  }

  /** Prints the counts and fails with the distinct failures; the server must still be healthy. */
  void finish() {
    target.assertHealthy();
    System.out.println(name + ": " + inputs + " inputs, outcomes " + outcomes);
    Map<String, String> distinct = new TreeMap<>();
    failures.forEach(f -> distinct.putIfAbsent(f.substring(0, Math.min(60, f.length())), f));
    assertTrue(failures.isEmpty(), name + ": " + failures.size() + " failures, distinct:\n" + String.join("\n", distinct.values()));
  }

  int count(String outcomePrefix) {
    return outcomes.entrySet().stream().filter(e -> e.getKey().startsWith(outcomePrefix)).mapToInt(Map.Entry::getValue).sum();
  }

  static String shorten(String s) {
    String one = s.replace("\n", "\\n").replace("\r", "\\r");
    return one.length() > 300 ? one.substring(0, 300) + "… (" + one.length() + " chars)" : one;
  }
}
