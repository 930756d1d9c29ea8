package io.tracer.agent.sdk;

/**
 * Thrift's binary protocol: a field is its type byte and a big-endian 16-bit id; numbers are big-endian, strings
 * and lists are prefixed by a 32-bit length. What a Jaeger collector reads at {@code /api/traces}.
 */
final class ThriftBinaryWriter extends ThriftWriter {

  private static final int STOP = 0;
  private static final int BOOL = 2;
  private static final int DOUBLE = 4;
  private static final int I32 = 8;
  private static final int I64 = 10;
  private static final int STRING = 11;
  private static final int STRUCT = 12;
  private static final int LIST = 15;

  @Override
  void fieldI32(int id, int value) {
    fieldHeader(I32, id);
    writeI32(value);
  }

  @Override
  void fieldI64(int id, long value) {
    fieldHeader(I64, id);
    writeI64(value);
  }

  @Override
  void fieldDouble(int id, double value) {
    fieldHeader(DOUBLE, id);
    writeI64(Double.doubleToLongBits(value));
  }

  @Override
  void fieldBool(int id, boolean value) {
    fieldHeader(BOOL, id);
    writeByte(value ? 1 : 0);
  }

  @Override
  void fieldString(int id, String value) {
    fieldHeader(STRING, id);
    byte[] utf8 = utf8(value);
    writeI32(utf8.length);
    write(utf8, 0, utf8.length);
  }

  @Override
  void fieldStruct(int id) {
    fieldHeader(STRUCT, id);
  }

  @Override
  void fieldStructList(int id, int size) {
    fieldHeader(LIST, id);
    writeByte(STRUCT);
    writeI32(size);
  }

  @Override
  void structBegin() {
    // the binary protocol marks only a struct's end
  }

  @Override
  void structEnd() {
    writeByte(STOP);
  }

  private void fieldHeader(int type, int id) {
    writeByte(type);
    writeByte(id >>> 8);
    writeByte(id);
  }

  private void writeI32(int value) {
    writeByte(value >>> 24);
    writeByte(value >>> 16);
    writeByte(value >>> 8);
    writeByte(value);
  }

  private void writeI64(long value) {
    writeI32((int) (value >>> 32));
    writeI32((int) value);
  }
}
