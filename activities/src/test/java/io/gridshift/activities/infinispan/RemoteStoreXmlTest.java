package io.gridshift.activities.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RemoteStoreXmlTest {
  private static final String PEOPLE =
      "<?xml version=\"1.0\"?><distributed-cache name=\"people\" mode=\"SYNC\">"
          + "<encoding media-type=\"application/x-protostream\"/></distributed-cache>";

  @Test
  void addsARemoteStoreWithDigestFromTheEnvironment() {
    String xml =
        RemoteStoreXml.withRemoteStore(PEOPLE, "people", "${gridshift.source.host}", 11222, true);

    assertThat(xml)
        .doesNotStartWith("<?xml")
        .startsWith("<distributed-cache")
        .contains("<encoding media-type=\"application/x-protostream\"/>")
        .contains(
            "<persistence><remote-store cache=\"people\" raw-values=\"true\" segmented=\"false\""
                + " shared=\"true\" xmlns=\"urn:infinispan:config:store:remote:14.0\">")
        .contains("<remote-server host=\"${gridshift.source.host}\" port=\"11222\"/>")
        .contains(
            "<digest password=\"${env.GRIDSHIFT_SOURCE_PASSWORD}\" realm=\"default\""
                + " username=\"${env.GRIDSHIFT_SOURCE_USERNAME}\"/>")
        .endsWith("</remote-store></persistence></distributed-cache>");
  }

  @Test
  void withoutCredentialsHasNoSecurityAndKeepsOtherStores() {
    String withFileStore =
        "<replicated-cache name=\"plain\"><persistence passivation=\"false\">"
            + "<file-store/></persistence></replicated-cache>";

    String xml = RemoteStoreXml.withRemoteStore(withFileStore, "plain", "10.0.0.7", 11222, false);

    assertThat(xml)
        .startsWith(
            "<replicated-cache name=\"plain\"><persistence passivation=\"false\"><file-store/>")
        .contains("<remote-server host=\"10.0.0.7\" port=\"11222\"/></remote-store></persistence>")
        .doesNotContain("security");
  }

  @Test
  void refusesASecondRemoteStoreAndNonCaches() {
    String remote =
        "<distributed-cache name=\"c\"><persistence><remote-store"
            + " xmlns=\"urn:infinispan:config:store:remote:14.0\" cache=\"x\"/></persistence>"
            + "</distributed-cache>";
    assertThatThrownBy(() -> RemoteStoreXml.withRemoteStore(remote, "c", "h", 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already has a remote store");
    assertThatThrownBy(() -> RemoteStoreXml.withRemoteStore("<infinispan/>", "c", "h", 1, false))
        .hasMessageContaining("not a cache");
    assertThatThrownBy(() -> RemoteStoreXml.withRemoteStore("<a", "c", "h", 1, false))
        .hasMessageContaining("not valid XML");
  }
}
