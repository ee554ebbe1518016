package io.github.imageloader.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Records what the process logs while a suite runs (a Logback appender on the root logger, so it sees every
 * event the configured levels let through), to check the log policy: ERROR means the service is at fault,
 * never a client's mistake. The stack shares the test's JVM, so this is the node's log.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final List<ILoggingEvent> events = new ArrayList<>();

  private LogCapture() {
  }

  /** Starts recording; {@link #close()} stops. */
  static LogCapture record() {
    LogCapture capture = new LogCapture();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    capture.setContext(root.getLoggerContext());
    capture.setName("log-capture");
    capture.start();
    root.addAppender(capture);
    return capture;
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    events.add(event);
  }

  /** Every ERROR line recorded so far, each as its logger, message and the first line of its exception. */
  synchronized List<String> errorLines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : events) {
      if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
        lines.add(describe(event));
      }
    }
    return lines;
  }

  /** Lines recorded from {@code loggerPrefix} at {@code level}. */
  synchronized List<String> lines(String loggerPrefix, Level level) {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : events) {
      if (event.getLevel() == level && event.getLoggerName().startsWith(loggerPrefix)) {
        lines.add(describe(event));
      }
    }
    return lines;
  }

  private static String describe(ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    return event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage()
      + (thrown == null ? "" : " [stack trace: " + thrown.getClassName() + ": " + thrown.getMessage() + "]");
  }

  @Override
  public void close() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(this);
    stop();
  }
}
