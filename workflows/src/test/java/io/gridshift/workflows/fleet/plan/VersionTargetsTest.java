package io.gridshift.workflows.fleet.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.workflows.fleet.FleetSpec.VersionTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionTargetsTest {

  @Test
  void anExactVersionIsTheAnswerAsWritten() {
    assertThat(VersionTargets.resolve("infinispan", new VersionTarget("15.0.21.Final", null, null)))
        .isEqualTo("15.0.21.Final");
  }

  @Test
  void newestPatchComparesNumbersNotText() {
    VersionTarget t =
        new VersionTarget(
            null,
            "15.0",
            List.of(
                "15.0.9.Final", "15.0.21.Final", "15.0.10.Final", "15.1.0.Final", "14.0.30.Final"));
    assertThat(VersionTargets.resolve("infinispan", t)).isEqualTo("15.0.21.Final");
  }

  @Test
  void newestPatchMatchesMajorAndMinorAsNumbers() {
    VersionTarget t = new VersionTarget(null, "5.3", List.of("5.3.2", "5.30.1", "5.3.8", "5.4.0"));
    assertThat(VersionTargets.resolve("hazelcast", t)).isEqualTo("5.3.8");
    VersionTarget tens = new VersionTarget(null, "15.10", List.of("15.1.9.Final", "15.10.2.Final"));
    assertThat(VersionTargets.resolve("infinispan", tens)).isEqualTo("15.10.2.Final");
  }

  @Test
  void twoSpellingsOfTheSameVersionKeepTheFirstListed() {
    VersionTarget t = new VersionTarget(null, "15.0", List.of("15.0.21.Final", "15.0.21"));
    assertThat(VersionTargets.resolve("infinispan", t)).isEqualTo("15.0.21.Final");
  }

  @Test
  void noAllowedVersionOfTheMinorIsAClearProblem() {
    VersionTarget t = new VersionTarget(null, "15.1", List.of("15.0.21.Final", "14.0.30.Final"));
    assertThatThrownBy(() -> VersionTargets.resolve("infinispan", t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "targets.infinispan.allowed [15.0.21.Final, 14.0.30.Final] holds no version of 15.1;"
                + " add the 15.1.x versions you allow, or change newestPatchOf");
  }

  @Test
  void bothFormsNeitherFormOrNoTargetAreRefused() {
    assertThatThrownBy(
            () -> VersionTargets.resolve("hazelcast", new VersionTarget("5.3.8", "5.3", List.of())))
        .hasMessageStartingWith(
            "targets.hazelcast gives both version and newestPatchOf; give exactly one");
    assertThatThrownBy(
            () -> VersionTargets.resolve("hazelcast", new VersionTarget(" ", null, null)))
        .hasMessageStartingWith("targets.hazelcast gives no version; give exactly one");
    assertThatThrownBy(() -> VersionTargets.resolve("hazelcast", null))
        .hasMessageStartingWith("targets.hazelcast is missing");
  }

  @Test
  void newestPatchOfMustBeMajorDotMinor() {
    for (String bad : List.of("15", "15.0.1", "15.x", "latest")) {
      assertThatThrownBy(
              () ->
                  VersionTargets.resolve(
                      "infinispan", new VersionTarget(null, bad, List.of("15.0.1.Final"))))
          .hasMessage(
              "targets.infinispan.newestPatchOf '"
                  + bad
                  + "' is not a major.minor version; write it as X.Y, e.g. 15.0 or 5.3");
    }
  }
}
