package io.tracer.agent.sdk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes Thrift structures into a growing byte array, in one of Thrift's two wire protocols: just the field types the
 * Jaeger IDL uses (i32, i64, double, bool, string, struct, list of structs). Written by hand rather than taken from
 * libthrift: it, the slf4j it needs and Jaeger's generated classes would add about 1 MB to tracer.jar for what
 * these few classes do.
 *
 * <p>Every struct, whether a field's value, a list element or the outermost one, is written between
 * {@link #structBegin()} and {@link #structEnd()}, or copied whole with {@link #structBytes}.
 */
abstract class ThriftWriter {

  private byte[] bytes = new byte[256];
  private int size;

  abstract void fieldI32(int id, int value);

  abstract void fieldI64(int id, long value);

  abstract void fieldDouble(int id, double value);

  abstract void fieldBool(int id, boolean value);

  abstract void fieldString(int id, String value);

  /** The header of a field holding a struct: the struct follows, from {@link #structBegin()} or {@link #structBytes}. */
  abstract void fieldStruct(int id);

  /** A field holding a list of {@code size} structs, each then written with {@link #structBegin()}. */
  abstract void fieldStructList(int id, int size);

  abstract void structBegin();

  abstract void structEnd();

  /** A whole struct that another writer of the same protocol produced, from its begin to its end. */
  final void structBytes(byte[] struct) {
    write(struct, 0, struct.length);
  }

  final byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  final int size() {
    return size;
  }

  final void reset() {
    size = 0;
  }

  static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  final void writeByte(int value) {
    ensureRoom(1);
    bytes[size++] = (byte) value;
  }

  final void write(byte[] source, int offset, int length) {
    ensureRoom(length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  private void ensureRoom(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
