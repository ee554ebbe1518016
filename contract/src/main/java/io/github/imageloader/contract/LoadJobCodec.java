package io.github.imageloader.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/** Event-bus codec for {@link LoadJob}; local delivery passes the (immutable) record as is. */
public final class LoadJobCodec implements MessageCodec<LoadJob, LoadJob> {

  @Override
  public void encodeToWire(Buffer buffer, LoadJob job) {
    WireFormat.write(buffer, job.toJson(), null);
  }

  @Override
  public LoadJob decodeFromWire(int pos, Buffer buffer) {
    return LoadJob.fromJson(WireFormat.read(pos, buffer).header());
  }

  @Override
  public LoadJob transform(LoadJob job) {
    return job;
  }

  @Override
  public String name() {
    return "imageloader.LoadJob.v" + WireFormat.VERSION;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
