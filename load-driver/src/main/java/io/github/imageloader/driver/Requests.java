package io.github.imageloader.driver;

import io.vertx.core.Future;

/** One VU iteration's request; the future holds the HTTP status the iteration counts as (0: no answer). */
@FunctionalInterface
interface Requests {

  Future<Integer> send(int vu);
}
