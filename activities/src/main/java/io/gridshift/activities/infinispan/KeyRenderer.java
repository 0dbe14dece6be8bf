package io.gridshift.activities.infinispan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.infinispan.protostream.ImmutableSerializationContext;
import org.infinispan.protostream.ProtobufUtil;

/**
 * Renders stored key bytes for messages. Hot Rod clients and protostream caches store keys as
 * Protobuf {@code WrappedMessage}s, which decode without any user schema when the key is a string
 * or a number; anything else shows as printable text or hex.
 */
final class KeyRenderer {
  private static final ImmutableSerializationContext CONTEXT =
      ProtobufUtil.newSerializationContext();
  private static final int MAX = 80;

  private KeyRenderer() {}

  static String render(byte[] key) {
    try {
      Object decoded = ProtobufUtil.fromWrappedByteArray(CONTEXT, key);
      // Decoding is lenient: only trust it when encoding the result gives back the same bytes.
      if ((decoded instanceof String || decoded instanceof Number)
          && Arrays.equals(key, ProtobufUtil.toWrappedByteArray(CONTEXT, decoded))) {
        return cut(decoded.toString());
      }
    } catch (Exception | LinkageError e) {
      // Not a wrapped primitive: fall through to the byte forms.
    }
    String text = new String(key, StandardCharsets.UTF_8);
    if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return cut(text);
    }
    return cut("0x" + HexFormat.of().formatHex(key));
  }

  private static String cut(String s) {
    return s.length() <= MAX ? s : s.substring(0, MAX) + "...";
  }
}
