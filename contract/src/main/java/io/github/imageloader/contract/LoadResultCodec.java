package io.github.imageloader.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/** Event-bus codec for {@link LoadResult}; bytes travel raw after the header, never as base64. */
public final class LoadResultCodec implements MessageCodec<LoadResult, LoadResult> {

  @Override
  public void encodeToWire(Buffer buffer, LoadResult result) {
    WireFormat.write(buffer, result.headerJson(), result.data());
  }

  @Override
  public LoadResult decodeFromWire(int pos, Buffer buffer) {
    WireFormat.Frame frame = WireFormat.read(pos, buffer);
    return LoadResult.fromHeader(frame.header(), frame.payload());
  }

  @Override
  public LoadResult transform(LoadResult result) {
    return result;
  }

  @Override
  public String name() {
    return "imageloader.LoadResult.v" + WireFormat.VERSION;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
