package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's budget for image bytes held on purpose ({@code MAX_BYTES_IN_FLIGHT}), on a real stack whose budget
 * is smaller than a 20-image archive: loads that only verify never touch it, an archive past it is refused with
 * 503 and {@code Retry-After}, and every byte it took is given back.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeldBytesTest {

  private static final int BUDGET = 60_000;

  private TestStack stack;

  @BeforeAll
  void startStack(Vertx vertx, VertxTestContext ctx, @TempDir Path dataDir) {
    TestStack.start(vertx, dataDir, "http", new JsonObject().put("MAX_BYTES_IN_FLIGHT", BUDGET))
      .onComplete(ctx.succeeding(started -> {
        stack = started;
        ctx.completeNow();
      }));
  }

  private List<String> names(int count) {
    return IntStream.range(0, count).mapToObj(stack::name).toList();
  }

  @Test
  void verifiedLoadsHoldNoBytesSoTheBudgetNeverLimitsThem(VertxTestContext ctx) {
    long total = names(20).stream().mapToLong(name -> stack.objects.get(name).length).sum();
    assertThat(total).isGreaterThan(BUDGET);
    stack.get(TestStack.imagesQuery("/images", names(20))).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getInteger("count")).isEqualTo(20);
      ctx.completeNow();
    })));
  }

  @Test
  void anArchivePastTheBudgetIs503AndGivesEveryByteBack(VertxTestContext ctx) {
    String small = stack.name(5);
    assertThat(stack.objects.get(small).length).isLessThan(BUDGET);
    stack.get(TestStack.imagesQuery("/images/archive", names(20)))
      .compose(refused -> {
        ctx.verify(() -> {
          assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(503);
          assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
          assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("bytes_in_flight_exceeded");
        });
        // A leak of even one refused download's bytes would make these fail too, one after another.
        Future<HttpResponse<Buffer>> chain = Future.succeededFuture();
        for (int i = 0; i < 5; i++) {
          chain = chain.compose(previous -> stack.get(TestStack.imagesQuery("/images/archive", List.of(small))))
            .andThen(ctx.succeeding(ok -> ctx.verify(() -> {
              assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
              assertThat(ok.getHeader("X-Image-Bytes")).isEqualTo(Integer.toString(stack.objects.get(small).length));
            })));
        }
        return chain;
      })
      .onComplete(ctx.succeedingThenComplete());
  }
}
