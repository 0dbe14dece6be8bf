package io.gridshift.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.sandbox.temporal.TemporalTransport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code sandbox} command line: defaults, clusters, ports, and refusals that say the fix. */
class SandboxCommandTest {
  private static SandboxCommand parse(String... args) {
    return SandboxCommand.parse(args);
  }

  @Test
  void upByDefaultRunsTheDemosSandboxOnTheUsualPorts() {
    SandboxCommand up = parse("up");
    assertThat(up.dir()).isEqualTo(Path.of(".gridshift/sandbox"));
    assertThat(up.clusters()).containsExactly("sandbox");
    assertThat(up.temporalPort()).isEqualTo(7233);
    assertThat(up.kubePort()).isEqualTo(7443);
    assertThat(up.uiPort()).isEqualTo(8233);
    assertThat(up.codecEndpoint()).isEmpty();
    assertThat(up.fixedPorts())
        .containsExactly(
            Map.entry(7233, "Temporal"),
            Map.entry(7443, "the Kubernetes API of cluster sandbox"),
            Map.entry(8233, "the Temporal UI"));
  }

  @Test
  void theUiPortAndCodecEndpointReachTheBackgroundProcess() {
    SandboxCommand up =
        parse("up", "--ui-port", "18233", "--codec-endpoint", "http://127.0.0.1:8080/codec");
    assertThat(up.fixedPorts()).containsEntry(18233, "the Temporal UI");
    SandboxCommand run = SandboxCommand.parse(up.runArguments().toArray(String[]::new));
    assertThat(run.uiPort()).isEqualTo(18233);
    assertThat(run.codecEndpoint()).isEqualTo("http://127.0.0.1:8080/codec");
    assertThat(parse("up", "--ui-port", "0").fixedPorts()).doesNotContainValue("the Temporal UI");
    assertThatThrownBy(() -> parse("up", "--codec-endpoint", "127.0.0.1:8080/codec"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--codec-endpoint must be an http(s) URL");
    assertThatThrownBy(() -> parse("up", "--ui-port", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--ui-port must be a port");
  }

  @Test
  void clustersByNumberOrByName() {
    assertThat(parse("up", "--clusters", "1").clusters()).containsExactly("sandbox");
    assertThat(parse("up", "--clusters", "3").clusters())
        .containsExactly("sandbox-1", "sandbox-2", "sandbox-3");
    SandboxCommand named = parse("up", "--clusters", "eu-1, us-1", "--dir", "/tmp/s");
    assertThat(named.clusters()).containsExactly("eu-1", "us-1");
    assertThat(named.fixedPorts()).containsOnlyKeys(7233, 7443, 7444, 8233);
    assertThat(named.options().clusters()).containsExactly("eu-1", "us-1");
  }

  @Test
  void ephemeralPortsNeedNothingFree() {
    SandboxCommand up =
        parse(
            "up", "--temporal-port", "0", "--kube-port", "0", "--ui-port", "0", "--clusters", "2");
    assertThat(up.fixedPorts()).isEmpty();
    assertThat(parse("up", "--temporal-port", "17233").fixedPorts())
        .containsOnlyKeys(17233, 7443, 8233);
  }

  @Test
  void theBackgroundProcessGetsTheSameOptionsWithAnAbsoluteDirectory() {
    SandboxCommand up =
        parse("up", "--dir", "rel/dir", "--clusters", "a,b", "--temporal-port", "0");
    SandboxCommand run = SandboxCommand.parse(up.runArguments().toArray(String[]::new));
    assertThat(run.verb()).isEqualTo("run");
    assertThat(run.dir()).isEqualTo(Path.of("rel/dir").toAbsolutePath());
    assertThat(run.clusters()).isEqualTo(up.clusters());
    assertThat(run.temporalPort()).isZero();
    assertThat(run.kubePort()).isEqualTo(7443);
    assertThat(run.temporalTransport()).isEqualTo(TemporalTransport.PLAIN);
  }

  @Test
  void temporalTlsIsPassedToTheBackgroundProcessAndIntoTheOptions() {
    SandboxCommand up = parse("up", "--temporal-tls", "mtls");
    SandboxCommand run = SandboxCommand.parse(up.runArguments().toArray(String[]::new));
    assertThat(run.temporalTransport()).isEqualTo(TemporalTransport.MUTUAL_TLS);
    assertThat(run.options().temporalTransport()).isEqualTo(TemporalTransport.MUTUAL_TLS);
    assertThatThrownBy(() -> parse("up", "--temporal-tls", "ssl"))
        .hasMessageStartingWith("--temporal-tls must be plain, tls or mtls");
  }

  @Test
  void badCommandLinesAreRefusedWithWhatIsExpected() {
    assertThatThrownBy(() -> parse()).hasMessageStartingWith("sandbox what?");
    assertThatThrownBy(() -> parse("start"))
        .hasMessageStartingWith("unknown sandbox command 'start'");
    assertThatThrownBy(() -> parse("status", "--clusters", "2"))
        .hasMessageStartingWith("'sandbox status' takes only --dir, not '--clusters'");
    assertThatThrownBy(() -> parse("up", "--dir")).hasMessageStartingWith("--dir needs a value");
    assertThatThrownBy(() -> parse("up", "--clusters", "--dir", "x"))
        .hasMessageStartingWith("--clusters needs a value");
    assertThatThrownBy(() -> parse("up", "--verbose"))
        .hasMessageStartingWith("unknown option '--verbose'");
    assertThatThrownBy(() -> parse("up", "--temporal-port", "70000"))
        .hasMessage(
            "--temporal-port must be a port from 0 to 65535 (0: any free port), not '70000'");
    assertThatThrownBy(() -> parse("up", "--kube-port", "x"))
        .hasMessageStartingWith("--kube-port must be a port");
  }

  @Test
  void clusterCountsAndNamesFollowTheSandboxsRules() {
    assertThatThrownBy(() -> parse("up", "--clusters", "0"))
        .hasMessage("--clusters must be from 1 to 100, not 0");
    assertThatThrownBy(() -> parse("up", "--clusters", "123456789012"))
        .hasMessage("--clusters must be from 1 to 100, not 123456789012");
    assertThatThrownBy(() -> parse("up", "--clusters", "a,,b"))
        .hasMessageStartingWith("--clusters 'a,,b' has an empty name");
    assertThatThrownBy(() -> parse("up", "--clusters", "East_1"))
        .hasMessageStartingWith("sandbox cluster name 'East_1' must be a DNS label")
        .hasMessageContaining("usage: ./gridshift sandbox up");
    assertThatThrownBy(() -> parse("up", "--clusters", "a,a"))
        .hasMessageStartingWith("sandbox cluster 'a' is listed twice");
    assertThatThrownBy(() -> parse("up", "--kube-port", "65535", "--clusters", "2"))
        .hasMessageStartingWith("sandbox ports must be 0..65535");
  }
}
