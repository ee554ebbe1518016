package io.github.imageloader.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/** Event-bus codec for {@link StoreResult}. */
public final class StoreResultCodec implements MessageCodec<StoreResult, StoreResult> {

  @Override
  public void encodeToWire(Buffer buffer, StoreResult result) {
    WireFormat.write(buffer, result.toJson(), null);
  }

  @Override
  public StoreResult decodeFromWire(int pos, Buffer buffer) {
    return StoreResult.fromJson(WireFormat.read(pos, buffer).header());
  }

  @Override
  public StoreResult transform(StoreResult result) {
    return result;
  }

  @Override
  public String name() {
    return "imageloader.StoreResult.v" + WireFormat.VERSION;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
