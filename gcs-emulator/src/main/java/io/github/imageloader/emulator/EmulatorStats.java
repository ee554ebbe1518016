package io.github.imageloader.emulator;

import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters exposed on {@code GET /_emulator/stats}. Admin requests are never counted. */
public final class EmulatorStats {

  private final LongAdder requests = new LongAdder();
  private final LongAdder connections = new LongAdder();
  private final LongAdder tlsConnections = new LongAdder();
  private final LongAdder http2Requests = new LongAdder();
  /** The TLS server names (SNI) clients indicated, by name; {@code ""} for none (an IP literal's connections). */
  private final Map<String, LongAdder> serverNames = new ConcurrentHashMap<>();
  private final AtomicLong openConnections = new AtomicLong();
  private final LongAdder objectRequests = new LongAdder();
  private final LongAdder metadataRequests = new LongAdder();
  private final LongAdder listRequests = new LongAdder();
  private final LongAdder bytesServed = new LongAdder();
  private final LongAdder uploads = new LongAdder();
  private final LongAdder deletes = new LongAdder();
  private final LongAdder readsAborted = new LongAdder();
  private final Map<FaultKind, LongAdder> faults = new EnumMap<>(FaultKind.class);

  public EmulatorStats() {
    for (FaultKind kind : FaultKind.values()) {
      faults.put(kind, new LongAdder());
    }
  }

  void requestReceived(HttpVersion version) {
    requests.increment();
    if (version == HttpVersion.HTTP_2) {
      http2Requests.increment();
    }
  }

  void connectionOpened(HttpConnection connection) {
    connections.increment();
    openConnections.incrementAndGet();
    if (connection.isSsl()) {
      // Each TLS connection is one full handshake: the emulator issues no session tickets to resume.
      tlsConnections.increment();
      String name = connection.indicatedServerName();
      serverNames.computeIfAbsent(name == null ? "" : name, n -> new LongAdder()).increment();
    }
  }

  void connectionClosed() {
    openConnections.decrementAndGet();
  }

  void objectRequest() {
    objectRequests.increment();
  }

  void metadataRequest() {
    metadataRequests.increment();
  }

  void listRequest() {
    listRequests.increment();
  }

  void bytesServed(long bytes) {
    bytesServed.add(bytes);
  }

  void upload() {
    uploads.increment();
  }

  void delete() {
    deletes.increment();
  }

  /** An object read whose connection the client closed before the response ended (a hedge's loser, say). */
  void readAborted() {
    readsAborted.increment();
  }

  void faultInjected(FaultKind kind) {
    faults.get(kind).increment();
  }

  public long requests() {
    return requests.sum();
  }

  public long connections() {
    return connections.sum();
  }

  public long openConnections() {
    return openConnections.get();
  }

  public long faultsInjected(FaultKind kind) {
    return faults.get(kind).sum();
  }

  /** Zeroes every counter except {@code openConnections}, which is a gauge. */
  public void reset() {
    requests.reset();
    connections.reset();
    tlsConnections.reset();
    http2Requests.reset();
    serverNames.clear();
    objectRequests.reset();
    metadataRequests.reset();
    listRequests.reset();
    bytesServed.reset();
    uploads.reset();
    deletes.reset();
    readsAborted.reset();
    faults.values().forEach(LongAdder::reset);
  }

  public JsonObject toJson() {
    JsonObject faultCounts = new JsonObject();
    faults.forEach((kind, count) -> faultCounts.put(kind.jsonName(), count.sum()));
    JsonObject names = new JsonObject();
    serverNames.forEach((name, count) -> names.put(name, count.sum()));
    return new JsonObject()
        .put("requests", requests.sum())
        .put("connections", connections.sum())
        .put("openConnections", openConnections.get())
        .put("tlsConnections", tlsConnections.sum())
        .put("http2Requests", http2Requests.sum())
        .put("tlsServerNames", names)
        .put("objectRequests", objectRequests.sum())
        .put("metadataRequests", metadataRequests.sum())
        .put("listRequests", listRequests.sum())
        .put("bytesServed", bytesServed.sum())
        .put("uploads", uploads.sum())
        .put("deletes", deletes.sum())
        .put("readsAborted", readsAborted.sum())
        .put("faultsInjected", faultCounts);
  }
}
