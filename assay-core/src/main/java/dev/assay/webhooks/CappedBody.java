package dev.assay.webhooks;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Reads at most {@code limit} bytes of a response body and then stops reading (cancelling the subscription closes
 * the connection), so a receiver that answers with a huge or endless body costs us {@code limit} bytes, no more.
 * A body still arriving after {@code maxWait} is cut there too: the request timeout only bounds the wait for the
 * status line, and a receiver dripping bytes must not hold a delivery open.
 */
final class CappedBody implements HttpResponse.BodySubscriber<String> {
  private final int limit;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<String> result = new CompletableFuture<>();

  private volatile Flow.Subscription subscription;

  private CappedBody(int limit, Duration maxWait) {
    this.limit = limit;
    CompletableFuture.delayedExecutor(maxWait.toMillis(), TimeUnit.MILLISECONDS).execute(this::stop);
  }

  /** A handler whose bodies are the first {@code limit} bytes as UTF-8 text, read for at most {@code maxWait}. */
  static HttpResponse.BodyHandler<String> handler(int limit, Duration maxWait) {
    return info -> new CappedBody(limit, maxWait);
  }

  private void stop() {
    if (!result.isDone()) {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      complete();
    }
  }

  @Override
  public CompletionStage<String> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public synchronized void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      int take = Math.min(buffer.remaining(), limit - bytes.size());
      byte[] chunk = new byte[take];
      buffer.get(chunk);
      bytes.writeBytes(chunk);
    }
    if (bytes.size() >= limit) {
      subscription.cancel();
      complete();
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable error) {
    // What arrived before the failure is still the answer's start; the status line was already read.
    complete();
  }

  @Override
  public void onComplete() {
    complete();
  }

  private synchronized void complete() {
    result.complete(bytes.toString(StandardCharsets.UTF_8));
  }
}
