package io.github.imageloader.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * How jobs and results cross nodes: a version byte, a length-prefixed JSON header, then raw bytes.
 * The version lets a rolling upgrade refuse what it cannot read instead of misreading it.
 */
final class WireFormat {

  static final byte VERSION = 1;

  private WireFormat() {
  }

  static void write(Buffer out, JsonObject header, Buffer payload) {
    Buffer json = header.toBuffer();
    out.appendByte(VERSION).appendInt(json.length()).appendBuffer(json);
    out.appendInt(payload == null ? -1 : payload.length());
    if (payload != null) {
      out.appendBuffer(payload);
    }
  }

  /** Reads one frame starting at {@code pos}; returns the header and payload. */
  static Frame read(int pos, Buffer in) {
    byte version = in.getByte(pos);
    if (version != VERSION) {
      throw new IllegalStateException("Unsupported wire format version " + version + ", this node reads " + VERSION);
    }
    int jsonLength = in.getInt(pos + 1);
    int jsonStart = pos + 5;
    JsonObject header = new JsonObject(in.getBuffer(jsonStart, jsonStart + jsonLength));
    int payloadLengthAt = jsonStart + jsonLength;
    int payloadLength = in.getInt(payloadLengthAt);
    Buffer payload = payloadLength < 0 ? null : in.getBuffer(payloadLengthAt + 4, payloadLengthAt + 4 + payloadLength);
    return new Frame(header, payload);
  }

  record Frame(JsonObject header, Buffer payload) {
  }
}
