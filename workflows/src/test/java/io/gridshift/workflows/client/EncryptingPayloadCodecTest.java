package io.gridshift.workflows.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** AES-256-GCM payloads: round trip, rotation, tampering, unknown keys, older clear payloads. */
class EncryptingPayloadCodecTest {
  private static final byte[] K1 = key(1);
  private static final byte[] K2 = key(2);
  private static final DataConverter PLAIN = GridKinds.dataConverter();

  private static byte[] key(int fill) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) fill);
    return k;
  }

  private static EncryptingPayloadCodec codec(String active, Map<String, byte[]> keys) {
    return new EncryptingPayloadCodec(PayloadKeyRing.of(active, keys));
  }

  private static Payload clear(Object value) {
    return PLAIN.toPayload(value).orElseThrow();
  }

  private static String text(Payload p) {
    return p.toByteString().toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void roundTripRestoresThePayloadExactlyAndHidesItsContent() {
    EncryptingPayloadCodec codec = codec("k1", Map.of("k1", K1));
    Payload original = clear(Map.of("grid", "dg-orders", "cache", "orders-cache"));

    Payload encrypted = codec.encode(List.of(original)).get(0);

    assertThat(text(encrypted)).doesNotContain("dg-orders").doesNotContain("orders-cache");
    assertThat(text(encrypted)).doesNotContain("json/plain");
    assertThat(encrypted.getMetadataMap().get("encoding").toStringUtf8())
        .isEqualTo("binary/encrypted");
    assertThat(encrypted.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k1");
    assertThat(codec.decode(List.of(encrypted))).containsExactly(original);
  }

  @Test
  void everyPayloadGetsItsOwnNonce() {
    EncryptingPayloadCodec codec = codec("k1", Map.of("k1", K1));
    Payload original = clear("same");
    List<Payload> twice = codec.encode(List.of(original, original));
    assertThat(twice.get(0).getData()).isNotEqualTo(twice.get(1).getData());
  }

  @Test
  void rotationDecryptsOldPayloadsAndEncryptsNewOnesWithTheNewKey() {
    Payload original = clear("plan for dg-orders");
    Payload byK1 = codec("k1", Map.of("k1", K1)).encode(List.of(original)).get(0);

    EncryptingPayloadCodec rotated = codec("k2", Map.of("k2", K2, "k1", K1));

    assertThat(rotated.decode(List.of(byK1))).containsExactly(original);
    Payload byK2 = rotated.encode(List.of(original)).get(0);
    assertThat(byK2.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k2");
    assertThat(rotated.decode(List.of(byK2))).containsExactly(original);
    // k1 alone cannot read what k2 wrote.
    assertThatThrownBy(() -> codec("k1", Map.of("k1", K1)).decode(List.of(byK2)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key k2");
  }

  @Test
  void alteredDataFailsAuthenticationNamingTheKey() {
    EncryptingPayloadCodec codec = codec("k1", Map.of("k1", K1));
    Payload encrypted = codec.encode(List.of(clear("dg-orders"))).get(0);
    byte[] data = encrypted.getData().toByteArray();
    data[data.length - 20] ^= 1;
    Payload altered = encrypted.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> codec.decode(List.of(altered)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key k1 failed authentication");
  }

  @Test
  void anotherKeyUnderTheSameIdOrARelabelledPayloadFailsAuthentication() {
    Payload byK1 = codec("k1", Map.of("k1", K1)).encode(List.of(clear("x"))).get(0);
    assertThatThrownBy(() -> codec("k1", Map.of("k1", K2)).decode(List.of(byK1)))
        .hasMessageContaining("failed authentication");
    // The key id is authenticated: claiming k2 with k2 == k1's bytes still fails.
    Payload relabelled =
        byK1.toBuilder().putMetadata("encryption-key-id", ByteString.copyFromUtf8("k2")).build();
    assertThatThrownBy(() -> codec("k2", Map.of("k2", K1)).decode(List.of(relabelled)))
        .hasMessageContaining("key k2 failed authentication");
  }

  @Test
  void unknownKeyIdSaysWhichKeyToAdd() {
    Payload byK0 = codec("k0", Map.of("k0", K1)).encode(List.of(clear("x"))).get(0);
    assertThatThrownBy(() -> codec("k1", Map.of("k1", K1)).decode(List.of(byK0)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining(
            "payload encrypted with key k0, which this process does not have: add it to"
                + " temporal.encryption.keys");
  }

  @Test
  void payloadsWrittenBeforeEncryptionPassThroughDecode() {
    Payload old = clear(Map.of("grid", "dg-orders"));
    assertThat(codec("k1", Map.of("k1", K1)).decode(List.of(old))).containsExactly(old);
  }

  @Test
  void failureMessagesAreEncryptedButTheirTypeStaysReadable() {
    DataConverter converter =
        new CodecDataConverter(PLAIN, List.of(codec("k1", Map.of("k1", K1))), true);
    ApplicationFailure thrown =
        ApplicationFailure.newNonRetryableFailure("cache orders-cache on dg-orders", "GridDown");

    Failure raw = converter.exceptionToFailure(thrown);

    assertThat(raw.toString()).doesNotContain("orders-cache").doesNotContain("dg-orders");
    assertThat(raw.getApplicationFailureInfo().getType()).isEqualTo("GridDown");
    assertThat(raw.getApplicationFailureInfo().getNonRetryable()).isTrue();
    ApplicationFailure back = (ApplicationFailure) converter.failureToException(raw);
    assertThat(back.getOriginalMessage()).isEqualTo("cache orders-cache on dg-orders");
    assertThat(back.getType()).isEqualTo("GridDown");
  }

  @Test
  void theClientsConverterEncryptsOnlyWhenKeysAreConfigured() {
    assertThat(TemporalClients.dataConverter(TemporalAccess.plain(null)))
        .isNotInstanceOf(CodecDataConverter.class);
    Optional<Payload> clear =
        TemporalClients.dataConverter(TemporalAccess.plain(null)).toPayload("dg-orders");
    assertThat(text(clear.orElseThrow())).contains("dg-orders");
  }
}
