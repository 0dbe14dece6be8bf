package io.gridshift.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {
  private static final Path ROOT = Path.of("/repo");

  @Test
  void defaultsRunEveryScenarioOnBothKindsAndWriteTheBenchTable() {
    ChaosOptions o = ChaosOptions.parse(new String[0], ROOT);
    assertThat(o.runs()).isEqualTo(20);
    assertThat(o.scenarios()).containsExactly(Scenario.values());
    assertThat(o.apiFaultRate()).isEqualTo(0.05);
    assertThat(o.markdown()).isEqualTo(ROOT.resolve("bench/CHAOS.md"));
    assertThat(o.writesMarkdown()).isTrue();
  }

  @Test
  void eachScenarioComesRoundWithTheNextKind() {
    ChaosOptions o =
        ChaosOptions.parse(
            new String[] {"--runs", "4", "--scenarios", "worker-kills,api-faults", "--seed", "10"},
            ROOT);
    assertThat(o.plan())
        .extracting(p -> p.scenario().id() + "/" + p.kind() + "/" + p.seed())
        .containsExactly(
            "worker-kills/infinispan/10",
            "api-faults/hazelcast/11",
            "worker-kills/hazelcast/12",
            "api-faults/infinispan/13");
  }

  @Test
  void oneScenarioAlternatesKinds() {
    ChaosOptions o =
        ChaosOptions.parse(new String[] {"--runs", "3", "--scenarios", "member-kill"}, ROOT);
    assertThat(o.plan())
        .extracting(ChaosOptions.RunPlan::kind)
        .containsExactly("infinispan", "hazelcast", "infinispan");
  }

  @Test
  void countsRepeatEachScenarioInterleavedAndSetTheRuns() {
    ChaosOptions o =
        ChaosOptions.parse(new String[] {"--scenarios", "worker-kills:3,crash-loop:1"}, ROOT);
    assertThat(o.runs()).isEqualTo(4);
    assertThat(o.plan())
        .extracting(p -> p.scenario().id() + "/" + p.kind())
        .containsExactly(
            "worker-kills/infinispan",
            "crash-loop/hazelcast",
            "worker-kills/hazelcast",
            "worker-kills/infinispan");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--scenarios", "crash-loop:x"}, ROOT))
        .hasMessageContaining("must be a whole number");
  }

  @Test
  void badOptionsSayWhatToUse() {
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--scenarios", "meteor"}, ROOT))
        .hasMessageContaining("unknown chaos scenario 'meteor'")
        .hasMessageContaining("worker-kills");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--runs", "0"}, ROOT))
        .hasMessageContaining("--runs 0 is out of range");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--api-fault-rate", "0.9"}, ROOT))
        .hasMessageContaining("use (0, 0.5]");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--kinds", "redis"}, ROOT))
        .hasMessageContaining("unknown kind 'redis'");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--runs"}, ROOT))
        .hasMessageContaining("--runs needs a value");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--lanes", "two"}, ROOT))
        .hasMessageContaining("--lanes must be a whole number");
    assertThat(ChaosOptions.parse(new String[] {"--results", "-"}, ROOT).writesMarkdown())
        .isFalse();
  }
}
