package io.gridshift.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void identitiesAreLimitedAndPlain() {
    assertThat(Limits.identityProblem("requestedBy", "a".repeat(256))).isNull();
    assertThat(Limits.identityProblem("requestedBy", "a".repeat(257)))
        .startsWith("requestedBy is 257 characters long")
        .contains("at most 256");
    assertThat(Limits.identityProblem("'by'", "bob\tcarol")).contains("control character");
    assertThat(Limits.identityProblem("'by'", null)).isNull();
  }

  @Test
  void commentsMayHaveLineBreaksButNotOtherControlCharacters() {
    assertThat(Limits.commentProblem("'comment'", "line one\nline two\tok")).isNull();
    assertThat(Limits.commentProblem("'comment'", "bell\u0007")).contains("control character");
    assertThat(Limits.commentProblem("'comment'", "c".repeat(2001))).contains("at most 2000");
  }

  @Test
  void messagesQuoteLongValuesShortened() {
    String shown = Limits.abbreviate("x".repeat(300_000));

    assertThat(shown).startsWith("x".repeat(60)).endsWith("... (300000 characters)");
    assertThat(Limits.abbreviate("a\nb")).isEqualTo("a?b");
  }

  @Test
  void truncationKeepsTheStartAndSaysHowLongItWas() {
    assertThat(Limits.truncate("short", 256)).isEqualTo("short");
    assertThat(Limits.truncate("y".repeat(1000), 256))
        .isEqualTo("y".repeat(256) + " [truncated by gridshift: 1000 characters]");
  }

  @Test
  void kubernetesNamesFollowTheirKindsRules() {
    assertThat(Names.statefulSetProblem("grid", "g".repeat(52))).isNull();
    assertThat(Names.statefulSetProblem("grid", "g".repeat(53))).contains("at most 52");
    assertThat(Names.labelProblem("container", "container name", "c".repeat(63))).isNull();
    assertThat(Names.labelProblem("container", "container name", "c".repeat(64)))
        .contains("at most 63");
    assertThat(Names.serviceProblem("service", "9lives")).contains("starting with a letter");
    assertThat(Names.subdomainProblem("route", "Route name", "a.b-c.d")).isNull();
    assertThat(Names.subdomainProblem("route", "Route name", "a".repeat(64) + ".b"))
        .contains("longer than 63");
    assertThat(Names.subdomainProblem("route", "Route name", "Bad_Route")).contains("not a valid");
  }
}
