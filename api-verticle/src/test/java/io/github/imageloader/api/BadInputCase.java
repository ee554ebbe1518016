package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;

import java.util.function.Function;

/**
 * One malformed or hostile request of the bad-input suite and the exact answer it must get.
 *
 * @param label   what is sent, for the failure report
 * @param send    sends it through the suite's clients
 * @param status  the expected status
 * @param error   the expected JSON {@code error} code
 */
record BadInputCase(String label, Function<BadInputClients, Future<Reply>> send, int status, String error) {

  /** What came back. */
  record Reply(int status, MultiMap headers, String body) {
  }
}
