package io.gridshift.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxOptionsTest {
  private static final Path DIR = Path.of("sandbox-dir");

  @Test
  void withoutClustersTheSandboxHasTheOneItAlwaysHad() {
    assertThat(SandboxOptions.defaults(DIR).clusters()).containsExactly("sandbox");
    assertThat(SandboxOptions.ephemeral(DIR).clusters()).containsExactly("sandbox");
    assertThat(new SandboxOptions(DIR, 0, 0, List.of()).clusters()).containsExactly("sandbox");
    assertThat(SandboxOptions.defaults(DIR).clusterDir("sandbox")).isEqualTo(DIR);
  }

  @Test
  void onTheUsualPortsClustersTakeConsecutiveApiPortsFrom7443() {
    SandboxOptions options = SandboxOptions.defaults(DIR).withClusters("a", "b", "c");
    assertThat(options.kubePort(0)).isEqualTo(7443);
    assertThat(options.kubePort(2)).isEqualTo(7445);
    assertThat(options.clusterDir("b")).isEqualTo(DIR.resolve("clusters").resolve("b"));
    SandboxOptions ephemeral = SandboxOptions.ephemeral(DIR).withClusters("a", "b");
    assertThat(ephemeral.kubePort(1)).isZero();
    assertThat(ephemeral.ephemeralPorts()).isTrue();
  }

  @Test
  void clusterNamesMustBeDistinctDnsLabels() {
    SandboxOptions options = SandboxOptions.ephemeral(DIR);
    assertThatThrownBy(() -> options.withClusters("east", "east"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'east' is listed twice");
    assertThatThrownBy(() -> options.withClusters("East_1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'East_1' must be a DNS label");
  }

  @Test
  void theLastClustersApiPortMustExist() {
    assertThatThrownBy(() -> new SandboxOptions(DIR, 0, 65535, List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kube 65535 to 65536");
  }
}
