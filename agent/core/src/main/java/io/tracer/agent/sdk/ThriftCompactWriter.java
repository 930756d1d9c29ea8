package io.tracer.agent.sdk;

import java.util.Arrays;

/**
 * Thrift's compact protocol: a field header is one byte when its id follows the previous one's closely, integers
 * are zigzag varints, a bool field carries its value in its type. What a Jaeger agent reads on UDP port 6831,
 * inside a one-way {@code emitBatch} message.
 */
final class ThriftCompactWriter extends ThriftWriter {

  private static final int PROTOCOL_ID = 0x82;
  private static final int VERSION = 1;
  private static final int ONEWAY = 4;

  private static final int STOP = 0;
  private static final int TRUE = 1;
  private static final int FALSE = 2;
  private static final int I32 = 5;
  private static final int I64 = 6;
  private static final int DOUBLE = 7;
  private static final int BINARY = 8;
  private static final int LIST = 9;
  private static final int STRUCT = 12;

  /** The enclosing structs' last field ids: a field id is written relative to its predecessor's. */
  private int[] lastFieldIds = new int[8];
  private int depth;
  private int lastFieldId;

  /** The header of a one-way call of {@code method}; its arguments struct follows. */
  void onewayMessageBegin(String method, int sequenceId) {
    writeByte(PROTOCOL_ID);
    writeByte(VERSION | (ONEWAY << 5));
    writeVarint(sequenceId & 0xFFFFFFFFL);
    writeBinary(utf8(method));
  }

  @Override
  void fieldI32(int id, int value) {
    fieldHeader(I32, id);
    writeVarint(zigzag(value));
  }

  @Override
  void fieldI64(int id, long value) {
    fieldHeader(I64, id);
    writeVarint(zigzag(value));
  }

  @Override
  void fieldDouble(int id, double value) {
    fieldHeader(DOUBLE, id);
    long bits = Double.doubleToLongBits(value);
    for (int shift = 0; shift < 64; shift += 8) {
      writeByte((int) (bits >>> shift));
    }
  }

  @Override
  void fieldBool(int id, boolean value) {
    fieldHeader(value ? TRUE : FALSE, id);
  }

  @Override
  void fieldString(int id, String value) {
    fieldHeader(BINARY, id);
    writeBinary(utf8(value));
  }

  @Override
  void fieldStruct(int id) {
    fieldHeader(STRUCT, id);
  }

  @Override
  void fieldStructList(int id, int size) {
    fieldHeader(LIST, id);
    if (size < 15) {
      writeByte((size << 4) | STRUCT);
    } else {
      writeByte(0xF0 | STRUCT);
      writeVarint(size);
    }
  }

  @Override
  void structBegin() {
    if (depth == lastFieldIds.length) {
      lastFieldIds = Arrays.copyOf(lastFieldIds, depth * 2);
    }
    lastFieldIds[depth++] = lastFieldId;
    lastFieldId = 0;
  }

  @Override
  void structEnd() {
    writeByte(STOP);
    lastFieldId = lastFieldIds[--depth];
  }

  private void fieldHeader(int type, int id) {
    int delta = id - lastFieldId;
    if (delta > 0 && delta <= 15) {
      writeByte((delta << 4) | type);
    } else {
      writeByte(type);
      writeVarint(zigzag(id));
    }
    lastFieldId = id;
  }

  private void writeBinary(byte[] value) {
    writeVarint(value.length);
    write(value, 0, value.length);
  }

  private void writeVarint(long value) {
    while ((value & ~0x7FL) != 0) {
      writeByte((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    writeByte((int) value);
  }

  private static long zigzag(int value) {
    return ((value << 1) ^ (value >> 31)) & 0xFFFFFFFFL;
  }

  private static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }
}
