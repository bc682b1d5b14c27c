package dev.assay.eval.exec;

import dev.assay.llm.ChatModel;
import dev.assay.llm.ChatRequest;
import dev.assay.llm.ChatResponse;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ProviderException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A provider's chat model behind its lane: response cache, adaptive concurrency, RPM/TPM budgets, a per-call timeout
 * (a hung call is abandoned and retried) and retries with full-jitter exponential backoff that never start before
 * the provider's {@code Retry-After}. Failures that retries cannot fix are rethrown with the config's name.
 */
final class GovernedChatModel implements ChatModel {
  private static final long DEFAULT_COMPLETION_TOKENS = 256;

  private final ModelConfig config;
  private final ChatModel raw;
  private final Lane lane;
  private final ResponseCache cache;
  private final ExecutorSettings settings;
  private final ExecutorService calls;

  GovernedChatModel(ModelConfig config, ChatModel raw, Lane lane, ResponseCache cache, ExecutorSettings settings,
      ExecutorService calls) {
    this.config = config;
    this.raw = raw;
    this.lane = lane;
    this.cache = cache;
    this.settings = settings;
    this.calls = calls;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    String key = cache.enabled() ? ResponseCache.key(config.id(), request) : null;
    if (key != null) {
      ChatResponse hit = cache.get(key);
      if (hit != null) {
        return new ChatResponse(hit.text(), hit.toolArgumentsJson(), hit.inputTokens(), hit.outputTokens(), hit.raw(), 0,
            true);
      }
    }
    long estimate = estimateTokens(request);
    for (int attempt = 1; ; attempt++) {
      ProviderException failure;
      try {
        ChatResponse response = attempt(request, estimate);
        ChatResponse counted = new ChatResponse(response.text(), response.toolArgumentsJson(), response.inputTokens(),
            response.outputTokens(), response.raw(), attempt, false);
        if (key != null) {
          cache.put(key, counted);
        }
        return counted;
      } catch (ProviderException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException(ProviderException.Kind.TIMEOUT, "the evaluation was interrupted");
      }
      if (!failure.retryable() || attempt >= settings.maxAttempts()) {
        throw named(failure, attempt);
      }
      sleep(backoff(attempt, failure.retryAfter()));
    }
  }

  private ChatResponse attempt(ChatRequest request, long estimate) throws InterruptedException {
    lane.concurrency.acquire();
    AdaptiveLimit.Signal signal = AdaptiveLimit.Signal.OTHER;
    RateBudget.Reservation reservation = null;
    long usedTokens = 0;
    try {
      reservation = lane.budget.reserve(estimate);
      ChatResponse response = callWithTimeout(request);
      usedTokens = response.inputTokens() + response.outputTokens();
      signal = AdaptiveLimit.Signal.SUCCESS;
      return response;
    } catch (ProviderException e) {
      if (e.kind() == ProviderException.Kind.RATE_LIMITED) {
        signal = AdaptiveLimit.Signal.RATE_LIMITED;
      }
      throw e;
    } finally {
      lane.budget.finish(reservation, usedTokens);
      lane.concurrency.release(signal);
    }
  }

  private ChatResponse callWithTimeout(ChatRequest request) throws InterruptedException {
    Future<ChatResponse> call = calls.submit(() -> raw.chat(request));
    try {
      return call.get(settings.callTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new ProviderException(ProviderException.Kind.TIMEOUT, 0, "no answer within "
          + format(settings.callTimeout()) + " (call abandoned)", null, null, null);
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ProviderException p) {
        throw p;
      }
      throw dev.assay.llm.ProviderErrors.unwrap(e.getCause());
    }
  }

  /** Full jitter: uniform in [0, min(max, base·2^(attempt-1))], but never less than the provider's Retry-After. */
  Duration backoff(int attempt, Duration retryAfter) {
    long base = settings.baseBackoff().toNanos();
    long ceiling = Math.min(settings.maxBackoff().toNanos(), base << Math.min(30, attempt - 1));
    long wait = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    if (retryAfter != null && retryAfter.toNanos() > wait) {
      // Retry-After is a floor; a little jitter above it keeps a burst of 429s from retrying in lock-step.
      wait = retryAfter.toNanos() + ThreadLocalRandom.current().nextLong(Math.max(1, Math.min(ceiling, base)) + 1);
    }
    return Duration.ofNanos(wait);
  }

  static long estimateTokens(ChatRequest request) {
    long chars = 0;
    for (ChatRequest.Message m : request.messages()) {
      chars += m.content() == null ? 0 : m.content().length();
    }
    if (request.responseSchemaJson() != null) {
      chars += request.responseSchemaJson().length();
    }
    if (request.tool() != null && request.tool().parametersSchemaJson() != null) {
      chars += request.tool().parametersSchemaJson().length();
    }
    Object max = request.parameters().get("max_tokens");
    long completion = max instanceof Number n ? n.longValue() : DEFAULT_COMPLETION_TOKENS;
    return chars / 4 + 1 + completion;
  }

  private ProviderException named(ProviderException e, int attempts) {
    String message = "model config '" + config.name() + "': " + e.getMessage()
        + (attempts > 1 ? " (after " + attempts + " attempts)" : "");
    return new ProviderException(e.kind(), e.status(), message, e.retryAfter(), e.rawBody(), e);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(ProviderException.Kind.TIMEOUT, "the evaluation was interrupted");
    }
  }

  private static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
