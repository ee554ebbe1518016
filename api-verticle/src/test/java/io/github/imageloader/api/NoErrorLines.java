package io.github.imageloader.api;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test during which the node logged an ERROR line: a client's mistake, however hostile, is never one
 * (README, "Security": the log policy). Use with {@code @ExtendWith(NoErrorLines.class)}.
 */
final class NoErrorLines implements BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoErrorLines.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put("log", LogCapture.record());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try (LogCapture recorded = context.getStore(NAMESPACE).remove("log", LogCapture.class)) {
      assertThat(recorded.errorLines()).as("ERROR lines the node logged during the test").isEmpty();
    }
  }
}
