package io.gridshift.activities.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestAuthTest {

  @Test
  void answersTheRfc2617Example() {
    DigestAuth.Challenge challenge =
        DigestAuth.parse(
            List.of(
                "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                    + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\","
                    + " opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));

    String header =
        DigestAuth.authorization(
            challenge, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, "0a4f113b");

    assertThat(header)
        .startsWith("Digest username=\"Mufasa\"")
        .contains("response=\"6629fae49393a05397450978507c4ef1\"")
        .contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\"")
        .contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
        .contains("uri=\"/dir/index.html\"");
  }

  @Test
  void answersTheRfc7616Sha256Example() {
    DigestAuth.Challenge challenge =
        DigestAuth.parse(
            List.of(
                "Basic realm=\"x\"",
                "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256,"
                    + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                    + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""));

    String header =
        DigestAuth.authorization(
            challenge,
            "Mufasa",
            "Circle of Life",
            "GET",
            "/dir/index.html",
            1,
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

    assertThat(header)
        .contains("algorithm=SHA-256")
        .contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"");
  }

  @Test
  void parsesInfinispansChallengeAndFallsBackWithoutQop() {
    DigestAuth.Challenge infinispan =
        DigestAuth.parse(
            List.of(
                "Digest realm=\"default\", nonce=\"AAAAAQAAAYbg=\","
                    + " opaque=\"00000000000000000000000000000000\", algorithm=MD5, qop=auth"));
    assertThat(infinispan)
        .isEqualTo(
            new DigestAuth.Challenge(
                "default", "AAAAAQAAAYbg=", "00000000000000000000000000000000", "auth", "MD5"));

    DigestAuth.Challenge legacy = DigestAuth.parse(List.of("Digest realm=\"r\", nonce=\"n\""));
    String header = DigestAuth.authorization(legacy, "u", "p", "GET", "/", 1, "c");
    assertThat(header).doesNotContain("qop").doesNotContain("nc=").doesNotContain("opaque");
  }

  @Test
  void ignoresUnsupportedChallenges() {
    assertThat(DigestAuth.parse(List.of("Basic realm=\"x\""))).isNull();
    assertThat(DigestAuth.parse(List.of("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256")))
        .isNull();
  }

  @Test
  void parsesQuotedParametersWithCommasAndEscapes() {
    Map<String, String> params =
        DigestAuth.params("realm=\"a, \\\"b\\\"\", nonce=abc ,  Stale=true");
    assertThat(params)
        .containsEntry("realm", "a, \"b\"")
        .containsEntry("nonce", "abc")
        .containsEntry("stale", "true");
  }
}
