package io.gridshift.activities.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.infinispan.protostream.ProtobufUtil;
import org.junit.jupiter.api.Test;

class KeyRendererTest {

  @Test
  void decodesWrappedStringsAndNumbers() throws Exception {
    var context = ProtobufUtil.newSerializationContext();
    assertThat(KeyRenderer.render(ProtobufUtil.toWrappedByteArray(context, "key-416")))
        .isEqualTo("key-416");
    assertThat(KeyRenderer.render(ProtobufUtil.toWrappedByteArray(context, 42))).isEqualTo("42");
    // As a 15.0.21 Hot Rod client stores the String "key-416" (seen on a real server).
    assertThat(KeyRenderer.render(new byte[] {74, 7, 107, 101, 121, 45, 52, 49, 54}))
        .isEqualTo("key-416");
  }

  @Test
  void fallsBackToTextOrHex() {
    assertThat(KeyRenderer.render("plain".getBytes(StandardCharsets.UTF_8))).isEqualTo("plain");
    assertThat(KeyRenderer.render(new byte[] {0, (byte) 0xff})).isEqualTo("0x00ff");
  }
}
