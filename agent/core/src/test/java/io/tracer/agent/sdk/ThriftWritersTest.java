package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both hand-written protocols, read back field by field with libthrift's own protocol readers: every type the
 * writers have, extreme values, field ids that jump back and far ahead, a list long enough for the long header.
 */
class ThriftWritersTest {

  /** libthrift's reader of one protocol over the given bytes. */
  interface Reader {
    TProtocol over(byte[] bytes) throws Exception;
  }

  static Arguments[] protocols() {
    Reader binary = bytes -> new TBinaryProtocol(new TMemoryInputTransport(bytes));
    Reader compact = bytes -> new TCompactProtocol(new TMemoryInputTransport(bytes));
    return new Arguments[] {
        Arguments.of("binary", (Supplier<ThriftWriter>) ThriftBinaryWriter::new, binary),
        Arguments.of("compact", (Supplier<ThriftWriter>) ThriftCompactWriter::new, compact),
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocols")
  void libthriftReadsBackEveryFieldWritten(String name, Supplier<ThriftWriter> writers,
      Reader readers) throws Exception {
    ThriftWriter out = writers.get();
    out.structBegin();
    out.fieldI64(1, Long.MIN_VALUE);
    out.fieldI32(2, -1);
    out.fieldString(3, "grüße ✓");
    out.fieldBool(4, true);
    out.fieldBool(5, false);
    out.fieldDouble(6, -0.125);
    out.fieldI32(40, Integer.MAX_VALUE);
    out.fieldI64(7, Long.MAX_VALUE);
    out.fieldStructList(8, 20);
    for (int i = 0; i < 20; i++) {
      out.structBegin();
      out.fieldI32(1, i);
      out.structEnd();
    }
    out.fieldStruct(9);
    out.structBegin();
    out.fieldString(12, "");
    out.structEnd();
    out.fieldI32(10, 7);
    out.structEnd();

    TProtocol in = readers.over(out.toByteArray());
    in.readStructBegin();
    field(in, 1, TType.I64);
    assertEquals(Long.MIN_VALUE, in.readI64());
    field(in, 2, TType.I32);
    assertEquals(-1, in.readI32());
    field(in, 3, TType.STRING);
    assertEquals("grüße ✓", in.readString());
    field(in, 4, TType.BOOL);
    assertTrue(in.readBool());
    field(in, 5, TType.BOOL);
    assertFalse(in.readBool());
    field(in, 6, TType.DOUBLE);
    assertEquals(-0.125, in.readDouble());
    field(in, 40, TType.I32);
    assertEquals(Integer.MAX_VALUE, in.readI32());
    field(in, 7, TType.I64);
    assertEquals(Long.MAX_VALUE, in.readI64());
    field(in, 8, TType.LIST);
    TList list = in.readListBegin();
    assertEquals(TType.STRUCT, list.elemType);
    assertEquals(20, list.size);
    for (int i = 0; i < 20; i++) {
      in.readStructBegin();
      field(in, 1, TType.I32);
      assertEquals(i, in.readI32());
      assertEquals(TType.STOP, in.readFieldBegin().type);
      in.readStructEnd();
    }
    in.readListEnd();
    field(in, 9, TType.STRUCT);
    in.readStructBegin();
    field(in, 12, TType.STRING);
    assertEquals("", in.readString());
    assertEquals(TType.STOP, in.readFieldBegin().type);
    in.readStructEnd();
    // after a nested struct, ids continue from the outer struct's last one
    field(in, 10, TType.I32);
    assertEquals(7, in.readI32());
    assertEquals(TType.STOP, in.readFieldBegin().type);
    in.readStructEnd();
  }

  private static void field(TProtocol in, int id, byte type) throws Exception {
    TField field = in.readFieldBegin();
    assertEquals(id, field.id, "field id");
    assertEquals(type, field.type, "type of field " + id);
  }
}
