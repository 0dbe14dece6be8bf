package io.gridshift.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.workflows.hazelcast.HazelcastPath;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's command line: defaults, the measurement options, and clear refusals. */
class DemoOptionsTest {
  @Test
  void measuresAt200OpsPerSecondAfterA10SecondBaselineByDefault() {
    DemoOptions o = DemoOptions.parse(new String[] {"infinispan"});
    assertThat(o.rate()).isEqualTo(200);
    assertThat(o.baselineSeconds()).isEqualTo(10);
    assertThat(o.timeline()).isNull();
  }

  @Test
  void readsRateBaselineAndTimeline() {
    DemoOptions o =
        DemoOptions.parse(
            new String[] {
              "hazelcast", "--rate", "0", "--baseline", "3", "--timeline", "t.html", "--yes"
            });
    assertThat(o.rate()).isZero();
    assertThat(o.baselineSeconds()).isEqualTo(3);
    assertThat(o.timeline()).isEqualTo(Path.of("t.html"));
    assertThat(o.approveAll()).isTrue();
  }

  @Test
  void outOfRangeOrNonNumericValuesSayWhatIsAllowed() {
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"infinispan", "--rate", "-5"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--rate must be a number from 0 to 5000, not '-5'");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"infinispan", "--baseline", "x"}))
        .hasMessage("--baseline must be a number from 1 to 600, not 'x'");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"infinispan", "--timeline"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--timeline");
  }

  @Test
  void startsItsOwnSandboxUnlessToldToUseOneThatIsUp() {
    DemoOptions own = DemoOptions.parse(new String[] {"infinispan"});
    assertThat(own.sandbox()).isNull();
    assertThat(own.workDir()).isEqualTo(Path.of(".gridshift/sandbox"));
    DemoOptions running =
        DemoOptions.parse(new String[] {"hazelcast", "--sandbox", ".gridshift/sandbox", "--yes"});
    assertThat(running.sandbox()).isEqualTo(Path.of(".gridshift/sandbox"));
    assertThat(running.withoutTraffic().sandbox()).isEqualTo(Path.of(".gridshift/sandbox"));
  }

  @Test
  void aWorkDirIsForTheDemosOwnSandboxOnly() {
    assertThatThrownBy(
            () ->
                DemoOptions.parse(new String[] {"infinispan", "--sandbox", "s", "--work-dir", "w"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "--work-dir is for a sandbox the demo starts; with --sandbox it runs on that one");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"infinispan", "--sandbox"}))
        .hasMessageStartingWith("--sandbox needs a value");
  }

  @Test
  void infinispanUpgradesTodaysVersionsUnlessToldOtherwise() {
    assertThat(DemoOptions.parse(new String[] {"infinispan"}).versions())
        .isEqualTo(new InfinispanDemoVersions("14.0.28.Final", "15.0.21.Final"));
    DemoOptions chosen =
        DemoOptions.parse(
            new String[] {
              "infinispan", "--from", "15.0.21.Final", "--to", "15.2.6.Final", "--yes"
            });
    assertThat(chosen.versions().label()).isEqualTo("15.0.21.Final -> 15.2.6.Final");
    assertThat(chosen.withoutTraffic().versions()).isEqualTo(chosen.versions());
    assertThat(DemoOptions.parse(new String[] {"infinispan", "--to", "15.2.6.Final"}).versions())
        .isEqualTo(new InfinispanDemoVersions("14.0.28.Final", "15.2.6.Final"));
    assertThat(DemoOptions.parse(new String[] {"hazelcast"}).versions()).isNull();
  }

  @Test
  void versionsAreCheckedBeforeAnythingStarts() {
    assertThatThrownBy(
            () -> DemoOptions.parse(new String[] {"infinispan", "--from", "14.0.99.Final"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--from '14.0.99.Final' is not a known Infinispan release")
        .hasMessageContaining("14.0.28.Final");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"infinispan", "--to", "15.2.6"}))
        .hasMessageContaining("use 15.2.6.Final");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"infinispan", "--to", "latest"}))
        .hasMessageStartingWith("--to 'latest' is not an Infinispan version");
    assertThatThrownBy(
            () ->
                DemoOptions.parse(
                    new String[] {
                      "infinispan", "--from", "15.0.21.Final", "--to", "14.0.28.Final"
                    }))
        .hasMessage(
            "--to 14.0.28.Final is not newer than --from 15.0.21.Final: the demo upgrades;"
                + " choose a newer --to");
    assertThatThrownBy(
            () -> DemoOptions.parse(new String[] {"infinispan", "--from", "15.0.21.Final"}))
        .hasMessageStartingWith("--to 15.0.21.Final is not newer than --from 15.0.21.Final");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"infinispan", "--to"}))
        .hasMessageStartingWith("--to needs a value");
  }

  @Test
  void theHazelcastDemoRollsAPatchByDefaultAndGoesBlueGreenToALaterMinor() {
    DemoOptions rolling = DemoOptions.parse(new String[] {"hazelcast"});
    assertThat(rolling.hazelcastVersions()).isEqualTo(new HazelcastDemoVersions("5.3.6", "5.3.8"));
    assertThat(rolling.hazelcastVersions().path()).isEqualTo(HazelcastPath.ROLLING);

    DemoOptions blueGreen =
        DemoOptions.parse(new String[] {"hazelcast", "--from", "5.3.8", "--to", "5.5.0"});
    assertThat(blueGreen.hazelcastVersions().path()).isEqualTo(HazelcastPath.BLUE_GREEN);
    assertThat(blueGreen.hazelcastVersions().label()).isEqualTo("5.3.8 -> 5.5.0");
  }

  @Test
  void hazelcastVersionsWithoutAPathAreRefusedBeforeAnythingStarts() {
    assertThatThrownBy(
            () -> DemoOptions.parse(new String[] {"hazelcast", "--from", "5.5.0", "--to", "5.3.8"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("gridshift has no path from 5.5.0 to 5.3.8");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"hazelcast", "--to", "5.3.9"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--to '5.3.9'");
  }

  @Test
  void aHazelcastManifestWithoutAGridIsRefusedBeforeAnythingStarts(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("cm.yaml");
    java.nio.file.Files.writeString(
        file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
    assertThatThrownBy(
            () -> DemoOptions.parse(new String[] {"hazelcast", "--grid-manifest", file.toString()}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + " holds no StatefulSet, Deployment or DeploymentConfig to upgrade");
    assertThat(
            DemoOptions.parse(
                    new String[] {
                      "hazelcast",
                      "--grid-manifest",
                      "../deploy/examples/hazelcast-statefulset.yaml"
                    })
                .gridManifest())
        .isNotNull();
  }
}
