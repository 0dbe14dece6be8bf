package io.gridshift.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.image.GridshiftMain.Role;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class GridshiftMainTest {
  @Test
  void theFirstArgumentPicksTheRoleAndIsNotPassedOn() {
    String[] args = {"worker", "--config", "/etc/gridshift/worker.yaml"};
    assertThat(Role.of(args)).isEqualTo(Role.WORKER);
    assertThat(Role.WORKER.arguments(args))
        .containsExactly("--config", "/etc/gridshift/worker.yaml");
    assertThat(Role.of(new String[] {"agent", "--config", "a.yaml"})).isEqualTo(Role.AGENT);
    assertThat(Role.of(new String[] {"server", "/etc/gridshift/server.yaml"}))
        .isEqualTo(Role.SERVER);
    assertThat(Role.of(new String[] {"hash-password"})).isEqualTo(Role.HASH_PASSWORD);
    assertThat(Role.of(new String[] {"--version"})).isEqualTo(Role.VERSION);
  }

  @Test
  void anythingElseGoesToTheCliWithEveryArgument() {
    String[] args = {"status", "infinispan-upgrade-x", "-o", "json"};
    assertThat(Role.of(args)).isEqualTo(Role.CLI);
    assertThat(Role.CLI.arguments(args)).containsExactly(args);
    assertThat(Role.of(new String[0])).isEqualTo(Role.CLI);
    assertThat(Role.of(new String[] {"no-such-verb"})).isEqualTo(Role.CLI);
    assertThat(Role.of(new String[] {"--help"})).isEqualTo(Role.CLI);
  }

  @Test
  void theCliRolesNameTheCliLogbackConfigTheOthersTheOneLogbackXml() throws Exception {
    assertThat(Role.WORKER.logbackConfig).isNull();
    assertThat(Role.AGENT.logbackConfig).isNull();
    assertThat(Role.SERVER.logbackConfig).isNull();
    assertThat(Role.CLI.logbackConfig).isEqualTo(Role.HASH_PASSWORD.logbackConfig).isNotNull();
    // Both exist on the image's classpath, and logback.xml only once (no warning, no status dump).
    assertThat(getClass().getClassLoader().getResource(Role.CLI.logbackConfig)).isNotNull();
    assertThat(Collections.list(getClass().getClassLoader().getResources("logback.xml")))
        .hasSize(1);
  }

  @Test
  void versionIsTheProjectsFilteredIn() {
    assertThat(GridshiftMain.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }
}
