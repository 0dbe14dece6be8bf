package io.gridshift.sandbox.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The server files for each Infinispan version: 14.x and later keep the 14.0 schema and nested
 * endpoint the sandbox always wrote; older servers get their own namespaces and endpoint layout,
 * and the helper pom works around the modules the mirror lacks. Starting the servers is measured by
 * {@code bench/upgrade-paths}.
 */
class SandboxServerFilesTest {

  @Test
  void currentServersKeepTheFourteenSchemaWithANestedEndpoint() {
    for (String version : new String[] {null, "14.0.28.Final", "15.2.6.Final", "16.0.7"}) {
      String xml = SandboxServerFiles.infinispanXml(version, false, false, "");
      assertThat(xml)
          .contains("<infinispan xmlns=\"urn:infinispan:config:14.0\">")
          .contains("<server xmlns=\"urn:infinispan:server:14.0\">")
          .contains("<endpoint socket-binding=\"default\">")
          .contains("  </cache-container>\n");
      assertThat(ServerSchema.of(version).needsHomeProperty()).isFalse();
    }
    assertThat(SandboxServerFiles.infinispanXml(true, true))
        .isEqualTo(SandboxServerFiles.infinispanXml(null, true, true, ""))
        .contains("<endpoint socket-binding=\"default\" security-realm=\"default\">");
  }

  @Test
  void olderServersGetTheirOwnNamespacesAndEndpointLayout() {
    String ten = SandboxServerFiles.infinispanXml("10.1.8.Final", false, false, "");
    assertThat(ten)
        .contains("urn:infinispan:config:10.1")
        .contains("urn:infinispan:server:10.1")
        .contains("<endpoints socket-binding=\"default\">\n      <hotrod-connector")
        .doesNotContain("<endpoint ");
    assertThat(SandboxServerFiles.infinispanXml("12.1.12.Final", false, false, ""))
        .contains("urn:infinispan:server:12.1")
        .doesNotContain("<endpoint ");
    assertThat(SandboxServerFiles.infinispanXml("13.0.10.Final", false, false, ""))
        .contains("urn:infinispan:server:13.0")
        .contains("<endpoint socket-binding=\"default\">");
    assertThat(ServerSchema.of("12.1.12.Final").needsHomeProperty()).isTrue();
    assertThat(ServerSchema.of("13.0.10.Final").needsHomeProperty()).isFalse();
  }

  @Test
  void cachesGoIntoTheCacheContainer() {
    String xml =
        InfinispanServer.sandboxConfig(
            "15.0.21.Final", "<distributed-cache name=\"a\">\n  <encoding/>\n</distributed-cache>");
    assertThat(xml)
        .contains(
            "node-name=\"${infinispan.node.name}\"/>\n"
                + "    <distributed-cache name=\"a\">\n"
                + "      <encoding/>\n"
                + "    </distributed-cache>\n"
                + "  </cache-container>");
  }

  @Test
  void twelveOneTwelveResolvesWithoutTheModulesTheMirrorLacks() {
    String pom = InfinispanDistributions.helperPom("12.1.12.Final");
    assertThat(pom)
        .contains("<artifactId>infinispan-server-memcached</artifactId></exclusion>")
        .contains("<artifactId>infinispan-scripting</artifactId><version>12.1.11.Final</version>");
    assertThat(InfinispanDistributions.helperPom("15.0.21.Final"))
        .doesNotContain("exclusion")
        .contains("<classifier>loader</classifier>");
    assertThat(InfinispanDistributions.helperPom("16.0.7")).doesNotContain("loader");
  }
}
