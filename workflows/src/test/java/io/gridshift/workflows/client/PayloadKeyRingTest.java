package io.gridshift.workflows.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files read at start: each way a file can be wrong stops the process with its name. */
class PayloadKeyRingTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
  }

  private Path goodKey(String name, int fill) throws IOException {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) fill);
    return write(name, Base64.getEncoder().encodeToString(k) + "\n");
  }

  private static PayloadEncryption keys(String active, String id, Path file) {
    return new PayloadEncryption(active, List.of(new PayloadEncryption.Key(id, file.toString())));
  }

  @Test
  void readsBase64KeysAndTheActiveOne() throws IOException {
    PayloadEncryption encryption =
        new PayloadEncryption(
            "k2",
            List.of(
                new PayloadEncryption.Key("k2", goodKey("k2", 2).toString()),
                new PayloadEncryption.Key("k1", goodKey("k1", 1).toString())));
    PayloadKeyRing ring = PayloadKeyRing.load(encryption);
    assertThat(ring.activeId()).isEqualTo("k2");
    assertThat(ring.ids()).containsExactlyInAnyOrder("k1", "k2");
  }

  @Test
  void aWrittenRandomKeyLoadsAndIsPrivate() throws IOException {
    Path file = PayloadKeyRing.writeRandomKey(dir.resolve("new"));
    assertThat(PayloadKeyRing.load(keys(null, "k9", file)).ids()).containsExactly("k9");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    assertThat(Files.readString(file))
        .isNotEqualTo(Files.readString(PayloadKeyRing.writeRandomKey(dir.resolve("other"))));
  }

  @Test
  void missingFileNamesTheKeyAndTheFile() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> PayloadKeyRing.load(keys(null, "k1", missing)))
        .hasMessageContaining("key 'k1' does not exist: " + missing)
        .hasMessageContaining("head -c 32 /dev/urandom | base64");
  }

  @Test
  void notBase64IsRefused() throws IOException {
    Path file = write("bad", "this is not base64 at all!");
    assertThatThrownBy(() -> PayloadKeyRing.load(keys(null, "k1", file)))
        .hasMessageContaining("key 'k1' (" + file + ") is not base64");
  }

  @Test
  void wrongLengthIsRefused() throws IOException {
    Path file = write("short", Base64.getEncoder().encodeToString(new byte[16]));
    assertThatThrownBy(() -> PayloadKeyRing.load(keys(null, "k1", file)))
        .hasMessageContaining("holds 16 bytes; AES-256 needs exactly 32");
  }

  @Test
  void anActiveKeyThatIsNotListedIsRefused() throws IOException {
    Path file = goodKey("k1", 1);
    assertThatThrownBy(() -> PayloadKeyRing.load(keys("k9", "k1", file)))
        .hasMessageContaining("activeKey 'k9' is not among the listed keys");
  }

  @Test
  void theEnvironmentFormTurnsEncryptionOnForEveryClient() throws IOException {
    Path file = goodKey("k1", 1);
    TemporalAccess access =
        TemporalAccess.fromEnvironment(java.util.Map.of("GRIDSHIFT_PAYLOAD_KEYS", "k1=" + file));
    DataConverter converter = TemporalClients.dataConverter(access);
    assertThat(converter).isInstanceOf(CodecDataConverter.class);
    String raw = converter.toPayload("dg-orders").orElseThrow().toString();
    assertThat(raw).doesNotContain("dg-orders").contains("binary/encrypted");
    assertThat(
            converter.fromPayload(
                converter.toPayload("dg-orders").orElseThrow(), String.class, String.class))
        .isEqualTo("dg-orders");
  }
}
