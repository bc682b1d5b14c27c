package dev.assay.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.HexFormat;

/** Short builders for OTLP protobuf values, for tests that write spans attribute by attribute. */
public final class OtlpValues {
  private OtlpValues() {}

  /** Trace or span id bytes from lowercase hex. */
  public static ByteString bytes(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  public static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  public static AnyValue str(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  public static AnyValue num(long value) {
    return AnyValue.newBuilder().setIntValue(value).build();
  }

  public static AnyValue dbl(double value) {
    return AnyValue.newBuilder().setDoubleValue(value).build();
  }

  public static AnyValue strings(String... values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (String v : values) {
      array.addValues(str(v));
    }
    return AnyValue.newBuilder().setArrayValue(array).build();
  }
}
