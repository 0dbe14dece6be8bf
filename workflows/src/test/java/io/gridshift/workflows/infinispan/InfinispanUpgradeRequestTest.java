package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a request alone must refuse: versions, images and lengths. */
class InfinispanUpgradeRequestTest {
  private static final ClusterRef CLUSTER = new ClusterRef("test", "apps");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "14.0.28.Final",
        "15.0.21.Final",
        "15.1.7.Final",
        "15.2.6.Final",
        "16.0.7",
        "12.1.12.Final",
        "10.1.8.Final"
      })
  void knownReleasesAreAccepted(String version) {
    assertThat(problems(version, null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "15.0.21.Final; touch /tmp/x",
        "15.0.21.Final ",
        "15.0.21.Finale",
        "15.0.21.Final-SNAPSHOT",
        "latest",
        "15.0",
        "v15.0.21.Final"
      })
  void aVersionNotSpelledAsInfinispanSpellsItIsRefused(String version) {
    assertThat(problems(version, null))
        .singleElement()
        .asString()
        .contains("is not an Infinispan version")
        .contains("e.g. 15.0.21.Final");
  }

  @ParameterizedTest
  @CsvSource({"15.0.21, use 15.0.21.Final", "16.0.7.Final, use 16.0.7"})
  void theFinalSuffixFollowsTheMajorVersion(String version, String fix) {
    assertThat(problems(version, null)).singleElement().asString().contains(fix);
  }

  @Test
  void anUnreleasedVersionIsRefusedListingTheNearestReleases() {
    assertThat(problems("15.0.99.Final", null))
        .containsExactly(
            "targetVersion '15.0.99.Final' is not a known Infinispan release; the nearest known are"
                + " 15.0.19.Final, 15.0.21.Final, 15.1.0.Final, 15.1.7.Final: choose one of them"
                + " (or, if 15.0.99.Final was released after gridshift's list was made, add it to"
                + " InfinispanReleases.RELEASES)");
  }

  @Test
  void anImageWhoseTagIsAnotherVersionIsRefused() {
    assertThat(problems("15.0.21.Final", "quay.io/infinispan/server:15.0.19.Final"))
        .singleElement()
        .asString()
        .contains("has tag '15.0.19.Final' but targetVersion is 15.0.21.Final")
        .contains("expected tag 15.0.21.Final")
        .contains("use quay.io/infinispan/server:15.0.21.Final");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "quay.io/infinispan/server:15.0.21.Final",
        "registry.local:5000/dg/server:15.0.21.Final-2",
        "quay.io/infinispan/server:15.0.21.Final@sha256:"
            + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      })
  void anImageTaggedWithTheVersionIsAccepted(String image) {
    assertThat(problems("15.0.21.Final", image)).isEmpty();
  }

  @Test
  void anImagePinnedByDigestOnlyIsRefusedAskingForTagAndDigest() {
    String digest = "@sha256:" + "ab".repeat(32);

    assertThat(problems("15.0.21.Final", "quay.io/infinispan/server" + digest))
        .singleElement()
        .asString()
        .contains("has no tag")
        .contains("use quay.io/infinispan/server:15.0.21.Final" + digest);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "quay.io/infinispan/server",
        "quay.io/infinispan/server:latest",
        "quay.io/infinispan/server:15.0",
        "quay.io/infinispan/server:15.0.21.Final; touch /tmp/x"
      })
  void anImageWithoutTheVersionAsTagIsRefused(String image) {
    assertThat(problems("15.0.21.Final", image))
        .singleElement()
        .asString()
        .startsWith("targetImage '");
  }

  @Test
  void tlsSecretIsOptionalBlankMeansNoneAndABadNameIsRefused() {
    InfinispanUpgradeRequest plain =
        InfinispanUpgradeRequest.of(CLUSTER, "dg", "15.0.21.Final").withDefaults();
    InfinispanUpgradeRequest blank = withTls(" ", false).withDefaults();
    InfinispanUpgradeRequest bad = withTls("Not_A_Secret", true).withDefaults();

    assertThat(plain.tlsSecret()).isNull();
    assertThat(blank.tlsSecret()).isNull();
    assertThat(blank.problems()).isEmpty();
    assertThat(withTls("dg-ca", true).withDefaults().problems()).isEmpty();
    assertThat(bad.problems()).singleElement().asString().startsWith("tlsSecret");
  }

  @Test
  void anUpgradeOverTlsRunsInRuntimeModeAndIsRefusedInConfigModeUnlessADryRun() {
    assertThat(withTls("dg-ca", false).withDefaults().problems()).isEmpty();
    assertThat(withTls("dg-ca", false, ConnectionMode.CONFIG).withDefaults().problems())
        .singleElement()
        .asString()
        .contains("tlsSecret: connectionMode CONFIG cannot upgrade grids over TLS")
        .contains("use connectionMode RUNTIME");
    assertThat(withTls("dg-ca", true, ConnectionMode.CONFIG).withDefaults().problems()).isEmpty();
  }

  private static InfinispanUpgradeRequest withTls(String tlsSecret, boolean dryRun) {
    return withTls(tlsSecret, dryRun, null);
  }

  private static InfinispanUpgradeRequest withTls(
      String tlsSecret, boolean dryRun, ConnectionMode mode) {
    InfinispanUpgradeRequest r = InfinispanUpgradeRequest.of(CLUSTER, "dg", "15.0.21.Final");
    return new InfinispanUpgradeRequest(
        r.cluster(),
        r.grid(),
        r.targetVersion(),
        null, // targetImage
        null, // targetGrid
        null, // service
        null, // route
        null, // caches
        mode,
        null, // credentialsSecret
        null, // port
        null, // sync
        null, // verifySample
        null, // minReadySeconds
        null, // gates
        null, // fourEyes
        null, // requestedBy
        dryRun,
        null, // protostream
        tlsSecret);
  }

  @Test
  void oversizedFieldsAreRefusedNamingTheFieldNotEchoingIt() {
    InfinispanUpgradeRequest r =
        new InfinispanUpgradeRequest(
                CLUSTER,
                "g".repeat(300),
                "15.0.21.Final",
                null,
                "t".repeat(53),
                "1svc",
                "r".repeat(254),
                List.of("c".repeat(256), "orders"),
                null,
                "s".repeat(254),
                null,
                null,
                null,
                null,
                null,
                null,
                "x".repeat(300_000),
                null,
                null)
            .withDefaults();

    List<String> problems = r.problems();

    assertThat(problems)
        .anySatisfy(p -> assertThat(p).startsWith("grid is 300 characters long"))
        .anySatisfy(p -> assertThat(p).contains("targetGrid").contains("at most 52"))
        .anySatisfy(
            p -> assertThat(p).contains("service '1svc'").contains("starting with a letter"))
        .anySatisfy(p -> assertThat(p).startsWith("route is 254 characters long"))
        .anySatisfy(p -> assertThat(p).startsWith("credentialsSecret is 254 characters long"))
        .anySatisfy(p -> assertThat(p).startsWith("a name in caches is 256 characters long"))
        .anySatisfy(p -> assertThat(p).startsWith("requestedBy is 300000 characters long"));
    assertThat(String.join("", problems)).hasSizeLessThan(3_000);
  }

  @Test
  void namesAtTheirLimitsAreAccepted() {
    InfinispanUpgradeRequest r =
        new InfinispanUpgradeRequest(
                CLUSTER,
                "g".repeat(52),
                "15.0.21.Final",
                null,
                "t".repeat(52),
                "s".repeat(63),
                "r".repeat(63) + "." + "r".repeat(63),
                List.of("c".repeat(255)),
                null,
                "secret.v1",
                null,
                null,
                null,
                null,
                null,
                null,
                "x".repeat(256),
                null,
                null)
            .withDefaults();

    assertThat(r.problems()).isEmpty();
  }

  private static List<String> problems(String version, String image) {
    return new InfinispanUpgradeRequest(
            CLUSTER, "dg", version, image, null, null, null, null, null, null, null, null, null,
            null, null, null, "alice", null, null)
        .withDefaults()
        .problems();
  }
}
