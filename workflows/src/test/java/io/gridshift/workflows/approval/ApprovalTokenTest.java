package io.gridshift.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.workflows.approval.ApprovalVerifier.Verification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing and verifying approval tokens: every refusal reason, rotation, and the key files. */
class ApprovalTokenTest {
  static final byte[] OLD =
      "old-key-0123456789-0123456789-0123456789".getBytes(StandardCharsets.UTF_8);
  static final byte[] NEW =
      "new-key-0123456789-0123456789-0123456789".getBytes(StandardCharsets.UTF_8);
  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  static final String WF = "infinispan-upgrade-prod-apps-dg";

  final ApprovalSigner signer = new ApprovalSigner(ApprovalKeys.of(Map.of("k2", NEW), "k2"));
  final ApprovalVerifier verifier =
      new ApprovalVerifier(ApprovalKeys.of(Map.of("k1", OLD, "k2", NEW), null));

  static ApprovalClaims expected(String gate, boolean approve, String by) {
    return new ApprovalClaims(WF, gate, ApprovalClaims.decision(approve), by, 0, null);
  }

  Verification verify(String token, ApprovalClaims expected, Instant at) {
    return verifier.verify(token, expected, at.getEpochSecond());
  }

  @Test
  void aTokenVerifiesForItsOwnDecisionUntilItExpires() {
    String token = signer.sign(WF, "cutover", true, "bob", NOW);
    assertThat(token).startsWith("v1.k2.").matches("v1\\.k2\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    Verification ok = verify(token, expected("cutover", true, "bob"), NOW.plusSeconds(299));
    assertThat(ok.accepted()).as("%s", ok).isTrue();
    assertThat(ok.nonce()).hasSize(32);
    assertThat(signer.sign(WF, "cutover", true, "bob", NOW)).isNotEqualTo(token);

    Verification late = verify(token, expected("cutover", true, "bob"), NOW.plusSeconds(301));
    assertThat(late.accepted()).isFalse();
    assertThat(late.refusal()).contains("expired at 2026-12-07T12:05:00Z");
  }

  @Test
  void aTokenForAnotherGateWorkflowDecisionOrPersonIsRefusedSayingWhich() {
    String token = signer.sign(WF, "cutover", true, "bob", NOW);
    assertThat(verify(token, expected("delete-source", true, "bob"), NOW).refusal())
        .contains("for gate 'cutover', not 'delete-source'");
    assertThat(verify(token, expected("cutover", false, "bob"), NOW).refusal())
        .contains("for APPROVE, not REJECT");
    assertThat(verify(token, expected("cutover", true, "mallory"), NOW).refusal())
        .contains("issued to 'bob', not to 'mallory'");
    ApprovalClaims other =
        new ApprovalClaims(
            "infinispan-upgrade-prod-apps-other", "cutover", "APPROVE", "bob", 0, null);
    assertThat(verify(token, other, NOW).refusal())
        .contains("for workflow '" + WF + "', not this one");
  }

  @Test
  void tamperedClaimsFailTheSignature() {
    String token = signer.sign(WF, "cutover", true, "bob", NOW);
    String[] parts = token.split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8);
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(claims.replace("bob", "eve").getBytes(StandardCharsets.UTF_8));
    String tampered = parts[0] + "." + parts[1] + "." + forged + "." + parts[3];

    Verification v = verify(tampered, expected("cutover", true, "eve"), NOW);
    assertThat(v.accepted()).isFalse();
    assertThat(v.refusal()).contains("signature does not match key 'k2'");
    // Moving the same signature under another key id fails too: the kid is signed.
    String moved = parts[0] + ".k1." + parts[2] + "." + parts[3];
    assertThat(verify(moved, expected("cutover", true, "bob"), NOW).refusal())
        .contains("signature does not match key 'k1'");
  }

  @Test
  void rotationTheOldKeyStillVerifiesAnUnknownKeyIdIsRefused() {
    ApprovalSigner old = new ApprovalSigner(ApprovalKeys.of(Map.of("k1", OLD), "k1"));
    String byOld = old.sign(WF, "cutover", false, "bob", NOW);
    assertThat(verify(byOld, expected("cutover", false, "bob"), NOW).accepted()).isTrue();

    ApprovalSigner stranger = new ApprovalSigner(ApprovalKeys.of(Map.of("k9", OLD), "k9"));
    Verification unknown =
        verify(
            stranger.sign(WF, "cutover", true, "bob", NOW), expected("cutover", true, "bob"), NOW);
    assertThat(unknown.refusal()).contains("key 'k9'").contains("[k1, k2]");
  }

  @Test
  void missingAndMalformedTokensAreRefused() {
    assertThat(verify(null, expected("cutover", true, "bob"), NOW).refusal())
        .contains("carries no approval token");
    assertThat(verify("hello", expected("cutover", true, "bob"), NOW).refusal())
        .contains("malformed");
    assertThat(verify("v1.k2.e30.!!", expected("cutover", true, "bob"), NOW).refusal())
        .contains("signature does not match");
    assertThat(
            verify("v1.k2." + "a".repeat(3000) + ".x", expected("cutover", true, "bob"), NOW)
                .refusal())
        .contains("longer than 2048");
  }

  @Test
  void keysComeFromFilesAndEveryProblemIsNamedWithoutTheKey(@TempDir Path dir) throws Exception {
    Path good =
        Files.writeString(dir.resolve("k1"), new String(OLD, StandardCharsets.UTF_8) + "\n");
    Path shortKey = Files.writeString(dir.resolve("short"), "tiny-secret");
    ApprovalKeys keys = ApprovalKeys.fromFiles(Map.of("k1", good.toString()), "k1");
    assertThat(keys.ids()).containsExactly("k1");
    assertThat(keys.toString()).doesNotContain("old-key");
    // The trailing newline of the file is not part of the key.
    String token = new ApprovalSigner(keys).sign(WF, "cutover", true, "bob", NOW);
    assertThat(verify(token, expected("cutover", true, "bob"), NOW).accepted()).isTrue();

    assertThatThrownBy(
            () ->
                ApprovalKeys.fromFiles(
                    Map.of(
                        "k1", shortKey.toString(),
                        "k2", dir.resolve("absent").toString(),
                        "bad id", good.toString()),
                    "k3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("approvals.keys.k1: the key in")
        .hasMessageContaining("fewer than 32")
        .hasMessageContaining("approvals.keys.k2: cannot read key file")
        .hasMessageContaining("key id 'bad id'")
        .hasMessageContaining("approvals.activeKey 'k3' is not listed")
        .hasMessageNotContaining("tiny-secret");
    assertThatThrownBy(() -> new ApprovalSigner(keys(null)))
        .hasMessageContaining("approvals.activeKey is not set");
  }

  private static ApprovalKeys keys(String active) {
    return ApprovalKeys.of(Map.of("k1", OLD), active);
  }
}
