package io.github.imageloader.loader;

import io.github.imageloader.contract.LoadFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class RetryPolicyTest {

  private static UpstreamException unavailable() {
    return UpstreamException.ofStatus(503, "x");
  }

  @Test
  void backoffGrowsAndStaysWithinBounds(Vertx vertx) {
    RetryPolicy policy = new RetryPolicy(vertx, 10, 50, 400);
    for (int i = 0; i < 200; i++) {
      assertThat(policy.backoffMs(1)).isBetween(25L, 50L);
      assertThat(policy.backoffMs(2)).isBetween(50L, 100L);
      assertThat(policy.backoffMs(8)).isBetween(200L, 400L);
    }
  }

  @Test
  void retriesTransientFailuresUntilSuccess(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger retries = new AtomicInteger();
    new RetryPolicy(vertx, 4, 1, 4)
      .run(System.currentTimeMillis() + 5_000,
        n -> calls.incrementAndGet() < 3 ? Future.failedFuture(unavailable()) : Future.succeededFuture("ok"),
        e -> UpstreamException.classify(e, "x"), e -> retries.incrementAndGet())
      .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(retries).hasValue(2);
        ctx.completeNow();
      })));
  }

  @Test
  void stopsAtMaxAttempts(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger calls = new AtomicInteger();
    new RetryPolicy(vertx, 3, 1, 4)
      .run(System.currentTimeMillis() + 5_000, n -> {
        calls.incrementAndGet();
        return Future.<String>failedFuture(unavailable());
      }, e -> UpstreamException.classify(e, "x"), e -> { })
      .onComplete(ctx.failing(error -> ctx.verify(() -> {
        assertThat(calls).hasValue(3);
        assertThat(((UpstreamException) error).failure()).isEqualTo(LoadFailure.UPSTREAM_ERROR);
        ctx.completeNow();
      })));
  }

  @Test
  void neverRetriesPermanentFailures(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger calls = new AtomicInteger();
    new RetryPolicy(vertx, 5, 1, 4)
      .run(System.currentTimeMillis() + 5_000, n -> {
        calls.incrementAndGet();
        return Future.<String>failedFuture(UpstreamException.ofStatus(404, "x"));
      }, e -> UpstreamException.classify(e, "x"), e -> { })
      .onComplete(ctx.failing(error -> ctx.verify(() -> {
        assertThat(calls).hasValue(1);
        assertThat(((UpstreamException) error).failure()).isEqualTo(LoadFailure.NOT_FOUND);
        ctx.completeNow();
      })));
  }

  @Test
  void neverBacksOffPastTheDeadline(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger calls = new AtomicInteger();
    new RetryPolicy(vertx, 10, 200, 200)
      .run(System.currentTimeMillis() + 50, n -> {
        calls.incrementAndGet();
        return Future.<String>failedFuture(unavailable());
      }, e -> UpstreamException.classify(e, "x"), e -> { })
      .onComplete(ctx.failing(error -> ctx.verify(() -> {
        assertThat(calls).hasValue(1);
        ctx.completeNow();
      })));
  }
}
