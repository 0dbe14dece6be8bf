package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's {@code approvals} section: off by default, and every mistake named with its fix. */
class ApprovalSettingsTest {
  @TempDir Path dir;

  @Test
  void unsetMeansDecisionsAreNotSigned() {
    ApprovalSettings none = new ApprovalSettings();
    assertThat(none.signing()).isFalse();
    assertThat(none.problems()).isEmpty();
    assertThat(none.signer()).isNull();
  }

  @Test
  void aMissingActiveKeyAShortKeyOrAnUnreadableFileIsNamed() throws Exception {
    Path shortKey = Files.writeString(dir.resolve("k1"), "too-short");
    assertThat(new ApprovalSettings(Map.of("k1", shortKey.toString()), null).problems())
        .singleElement()
        .asString()
        .contains("approvals.activeKey is not set");
    assertThat(new ApprovalSettings(Map.of("k1", shortKey.toString()), "k1").problems())
        .singleElement()
        .asString()
        .contains("approvals.keys.k1")
        .contains("fewer than 32")
        .doesNotContain("too-short");
    assertThat(new ApprovalSettings(Map.of("k1", dir.resolve("none").toString()), "k2").problems())
        .singleElement()
        .asString()
        .contains("cannot read key file")
        .contains("approvals.activeKey 'k2' is not listed");
  }

  @Test
  void aValidSectionSignsWithTheActiveKey() throws Exception {
    Path key = Files.writeString(dir.resolve("k1"), "x".repeat(40));
    ApprovalSettings settings = new ApprovalSettings(Map.of("k1", key.toString()), "k1");
    assertThat(settings.problems()).isEmpty();
    assertThat(settings.signer().sign("wf", "cutover", true, "bob", java.time.Instant.now()))
        .startsWith("v1.k1.");
  }
}
