package io.github.imageloader.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/** Event-bus codec for {@link StoreJob}; the image bytes travel raw after the header, never as base64. */
public final class StoreJobCodec implements MessageCodec<StoreJob, StoreJob> {

  @Override
  public void encodeToWire(Buffer buffer, StoreJob job) {
    WireFormat.write(buffer, job.headerJson(), job.data());
  }

  @Override
  public StoreJob decodeFromWire(int pos, Buffer buffer) {
    WireFormat.Frame frame = WireFormat.read(pos, buffer);
    return StoreJob.fromFrame(frame.header(), frame.payload());
  }

  @Override
  public StoreJob transform(StoreJob job) {
    return job;
  }

  @Override
  public String name() {
    return "imageloader.StoreJob.v" + WireFormat.VERSION;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
