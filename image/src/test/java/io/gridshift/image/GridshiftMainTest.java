package io.gridshift.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.image.GridshiftMain.Role;
import io.gridshift.starter.cli.GridshiftCli;
import io.gridshift.worker.WorkerMain;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
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
  void eachRoleLogsWithItsOwnModulesLogbackConfig() throws Exception {
    assertThat(Role.WORKER.logbackConfig()).isEqualTo(Role.AGENT.logbackConfig());
    assertThat(Role.CLI.logbackConfig()).isEqualTo(Role.SERVER.logbackConfig());
    assertThat(Role.WORKER.logbackConfig()).isNotEqualTo(Role.CLI.logbackConfig());
    assertThat(Role.WORKER.logbackConfig()).contains(location(WorkerMain.class));
    assertThat(Role.CLI.logbackConfig()).contains(location(GridshiftCli.class));
    for (Role role : new Role[] {Role.WORKER, Role.CLI}) {
      try (InputStream in = URI.create(role.logbackConfig()).toURL().openStream()) {
        assertThat(new String(in.readAllBytes())).contains("<configuration");
      }
    }
  }

  @Test
  void versionIsTheProjectsFilteredIn() {
    assertThat(GridshiftMain.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toUri()
        .toString();
  }
}
