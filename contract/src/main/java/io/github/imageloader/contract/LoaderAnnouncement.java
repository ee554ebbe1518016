package io.github.imageloader.contract;

import io.vertx.core.json.JsonObject;

/**
 * What a loader tells every api about itself on {@value Addresses#LOADERS_ANNOUNCE}: where to send it jobs, the
 * cluster member it lives on (so the api can fail its jobs over the moment that member leaves), whether it still
 * takes jobs, how often it announces (its silence for several periods means it stopped answering), and the
 * longest a job may take there while the loader is healthy (its storage budget, which the loader owns).
 *
 * @param loaderId      unique per loader verticle instance, for the life of the process
 * @param nodeId        the cluster member id, or empty when the node is not clustered
 * @param serving       false once the loader is draining: no new job should go to it
 * @param everyMs       the announcement period
 * @param jobBudgetMs   past this, a job still unanswered at a live loader is lost (a dropped message), not slow
 */
public record LoaderAnnouncement(String loaderId, String nodeId, boolean serving, long everyMs, long jobBudgetMs) {

  /** Where this loader takes {@link LoadJob}s. */
  public String loadAddress() {
    return Addresses.loader(loaderId);
  }

  /** Where this loader takes {@link StoreJob}s. */
  public String storeAddress() {
    return Addresses.loaderStore(loaderId);
  }

  public JsonObject toJson() {
    return new JsonObject().put("loaderId", loaderId).put("nodeId", nodeId).put("serving", serving)
      .put("everyMs", everyMs).put("jobBudgetMs", jobBudgetMs);
  }

  /** The announcement in {@code json}, or {@code null} when it is not one (a node of another version). */
  public static LoaderAnnouncement fromJson(Object body) {
    if (!(body instanceof JsonObject json) || !(json.getValue("loaderId") instanceof String id)
      || !(json.getValue("everyMs") instanceof Number every) || !(json.getValue("jobBudgetMs") instanceof Number budget)) {
      return null;
    }
    return new LoaderAnnouncement(id, json.getString("nodeId", ""), json.getBoolean("serving", true),
      every.longValue(), budget.longValue());
  }
}
