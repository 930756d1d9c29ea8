package io.tracer.instrumentation.jedis;

import io.tracer.instrumentation.api.redis.RedisArguments;
import java.nio.charset.StandardCharsets;

/** Jedis 3.x arguments: the encoded bytes {@code sendCommand} writes. */
final class ByteArrayArguments implements RedisArguments {

  private final byte[][] arguments;

  ByteArrayArguments(byte[][] arguments) {
    this.arguments = arguments == null ? new byte[0][] : arguments;
  }

  @Override
  public int count() {
    return arguments.length;
  }

  @Override
  public String render(int index, int maxLength) {
    return decode(arguments[index], maxLength);
  }

  /** Decodes no more bytes than {@code maxLength} characters can take (a cut multi-byte character shows as one). */
  static String decode(byte[] bytes, int maxLength) {
    if (bytes == null) {
      return null;
    }
    int length = (int) Math.min(bytes.length, (long) maxLength * 4 + 1);
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
