package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerVersionsTest {
  private static final String IMAGE = "quay.io/infinispan/server:14.0.28.Final";

  @Test
  void serverThatAgreesWithTheTagGivesNoWarning() {
    ServerVersions.Reading r =
        ServerVersions.source(
            "dg", IMAGE, "14.0.28.Final", "Infinispan 'Flying Saucer' 14.0.28.Final");
    assertThat(r.version()).isEqualTo("14.0.28.Final");
    assertThat(r.warning()).isNull();
  }

  @Test
  void serverWinsOverADisagreeingTagAndTheWarningNamesBoth() {
    ServerVersions.Reading r =
        ServerVersions.source(
            "dg", IMAGE, "14.0.28.Final", "Infinispan 'I'm Still Standing' 15.0.21.Final");
    assertThat(r.version()).isEqualTo("15.0.21.Final");
    assertThat(r.warning())
        .contains("grid dg")
        .contains(IMAGE)
        .contains("says 14.0.28.Final")
        .contains("15.0.21.Final")
        .contains("goes by the server");
  }

  @Test
  void aDataGridTagKeepsThePatchTheServerNames() {
    ServerVersions.Reading r =
        ServerVersions.source(
            "dg",
            "registry.redhat.io/datagrid/datagrid-8-rhel8:1.4",
            "14.0.x",
            "Infinispan 'Flying Saucer' 14.0.27.Final");
    assertThat(r.version()).isEqualTo("14.0.27.Final");
    assertThat(r.warning()).isNull();
  }

  @Test
  void aDataGridServerOfTheSameFamilyKeepsTheTagsPatch() {
    ServerVersions.Reading r =
        ServerVersions.source("dg", IMAGE, "14.0.28.Final", "Red Hat Data Grid 'Gaul' 8.4.6.GA");
    assertThat(r.version()).isEqualTo("14.0.28.Final");
    assertThat(r.warning()).isNull();
  }

  @Test
  void noAnswerKeepsTheTagWithoutWarningAndAnUnreadableOneWarns() {
    assertThat(ServerVersions.source("dg", IMAGE, "14.0.28.Final", null))
        .isEqualTo(new ServerVersions.Reading("14.0.28.Final", null));
    ServerVersions.Reading r = ServerVersions.source("dg", IMAGE, "14.0.28.Final", "custom build");
    assertThat(r.version()).isEqualTo("14.0.28.Final");
    assertThat(r.warning()).contains("'custom build'").contains("goes by the image tag");
  }

  @Test
  void aTargetRunningTheAskedReleaseOrFamilyPasses() {
    assertThat(
            ServerVersions.targetProblem(
                "dg-15-0-21", "img", "15.0.21.Final", "Infinispan 'X' 15.0.21.Final"))
        .isEmpty();
    assertThat(
            ServerVersions.targetProblem(
                "dg-15-0-21", "img", "15.0.21.Final", "Red Hat Data Grid 'X' 8.5.2.GA"))
        .isEmpty();
    assertThat(ServerVersions.targetProblem("dg-15-0-21", "img", "15.0.21.Final", null)).isEmpty();
  }

  @Test
  void aTargetRunningAnotherReleaseIsAProblemSayingWhatToDo() {
    assertThat(
            ServerVersions.targetProblem(
                "dg-15-0-21",
                "mirror/infinispan:15.0.21.Final",
                "15.0.21.Final",
                "Infinispan 'X' 15.0.19.Final"))
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .contains("target dg-15-0-21")
                    .contains("runs 15.0.19.Final")
                    .contains("targetVersion 15.0.21.Final was asked")
                    .contains("Set targetImage"));
  }
}
