package io.github.imageloader.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Sends the suite's cases one after another and lists every answer that is not exactly the expected one. */
final class BadInputRunner {

  private BadInputRunner() {
  }

  static List<String> run(BadInputClients clients, List<BadInputCase> cases) {
    List<String> mismatches = new ArrayList<>();
    for (BadInputCase c : cases) {
      if (Boolean.getBoolean("badinput.trace")) {
        System.out.println("SEND " + java.time.LocalTime.now() + " " + c.label());
      }
      BadInputCase.Reply reply;
      try {
        // A case that never ends is a finding, named here, not a suite that times out as a whole.
        reply = c.send().apply(clients).timeout(20, TimeUnit.SECONDS).await();
      } catch (OpenApiContract.Mismatch undocumented) {
        mismatches.add(c.label() + ": " + undocumented.getMessage());
        continue;
      } catch (Exception e) {
        // await() rethrows a TimeoutException, a checked exception, as it is: catching RuntimeException misses it.
        mismatches.add(c.label() + ": no answer (" + e.getMessage() + ")");
        continue;
      }
      String problem = problem(c, reply);
      if (Boolean.getBoolean("badinput.trace")) {
        System.out.println("CASE " + c.label() + " -> " + reply.status() + " " + BadInputCatalog.abbreviate(reply.body()));
      }
      if (problem != null) {
        mismatches.add(c.label() + ": " + problem + " — got " + reply.status() + " " + BadInputCatalog.abbreviate(reply.body()));
      }
    }
    return mismatches;
  }

  private static String problem(BadInputCase c, BadInputCase.Reply reply) {
    // The one 5xx a client can cause: 505 for an HTTP version this server does not speak (RFC 9110 §15.6.6).
    if (reply.status() >= 500 && !(reply.status() == 505 && c.status() == 505)) {
      return "a 5xx";
    }
    if (reply.status() != c.status()) {
      return "expected " + c.status();
    }
    String type = reply.headers().get("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      return "not JSON (" + type + ")";
    }
    JsonObject body;
    try {
      body = new JsonObject(reply.body());
    } catch (DecodeException | ClassCastException e) {
      return "a body that is not a JSON object";
    }
    if (!c.error().equals(body.getString("error"))) {
      return "expected error " + c.error();
    }
    if (body.getString("message") == null || body.getString("message").isBlank() || body.getString("requestId") == null) {
      return "no message or requestId";
    }
    String text = reply.body() + reply.headers();
    if (text.contains(BadInputCatalog.SECRET) || text.contains("supersecret")) {
      return "a signed URL's credentials in the answer";
    }
    if (text.contains("Exception") || text.contains("\tat ") || text.contains("io.vertx") || text.contains("io.netty")) {
      return "internal detail in the answer";
    }
    return null;
  }

  static long heapUsedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }
}
