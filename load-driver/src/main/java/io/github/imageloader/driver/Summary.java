package io.github.imageloader.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The console summary of a result, in the spirit of k6's end-of-test summary. */
final class Summary {

  private Summary() {
  }

  static String text(JsonObject result) {
    StringBuilder out = new StringBuilder();
    JsonObject overall = result.getJsonObject("overall");
    out.append(String.format("%nscenario %s against %s: %.0f s, up to %d VUs%n", result.getString("scenario"),
      result.getString("baseUrl"), result.getDouble("durationS"), result.getInteger("maxVus")));
    out.append(line("overall", overall));
    JsonArray steps = result.getJsonArray("steps");
    if (steps.size() > 1) {
      for (int i = 0; i < steps.size(); i++) {
        JsonObject step = steps.getJsonObject(i);
        out.append(line("step " + step.getString("name") + " (" + step.getInteger("vus") + " VUs)", step));
      }
    }
    out.append("status codes: ").append(overall.getJsonObject("statusCodes").encode()).append('\n');
    if (result.containsKey("upstream")) {
      JsonObject upstream = result.getJsonObject("upstream");
      out.append(String.format("storage: %d new connections for %d object requests (%.4f per image)%n",
        upstream.getLong("connectionsOpened"), upstream.getLong("objectRequests"), upstream.getDouble("newConnectionsPerImage")));
    }
    for (Object item : result.getJsonArray("thresholds")) {
      JsonObject threshold = (JsonObject) item;
      out.append(threshold.getBoolean("ok") ? "  ✓ " : "  ✗ ").append(threshold.getString("metric")).append(' ')
        .append(threshold.getString("expression")).append('\n');
    }
    out.append(result.getBoolean("passed") ? "thresholds passed\n" : "THRESHOLDS FAILED\n");
    return out.toString();
  }

  private static String line(String label, JsonObject stats) {
    JsonObject latency = stats.getJsonObject("latencyMs");
    return String.format("  %-22s reqs=%-6d rps=%-7.2f fail=%-5d avg=%.0fms p50=%.0fms p95=%.0fms p99=%.0fms max=%.0fms%n",
      label, stats.getLong("requests"), stats.getDouble("rps"), stats.getLong("failures"), latency.getDouble("avg"),
      latency.getDouble("p50"), latency.getDouble("p95"), latency.getDouble("p99"), latency.getDouble("max"));
  }
}
