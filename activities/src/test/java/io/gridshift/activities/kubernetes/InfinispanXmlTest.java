package io.gridshift.activities.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class InfinispanXmlTest {
  private static final String CONFIG_NS = "urn:infinispan:config:14.0";
  private static final String REMOTE_NS = "urn:infinispan:config:store:remote:14.0";
  private static final String SOURCE = Fixtures.resource("source-infinispan.xml");
  private static final String CACHES =
      Fixtures.resource("remote-store-caches.xml").replace("${gridshift.source.host}", "10.0.0.7");

  @Test
  void withTransportClusterGivesTheTargetItsOwnClusterAndIsIdempotent() throws Exception {
    String once = InfinispanXml.withTransportCluster(SOURCE, "dg-15-0-21");
    assertThat(nodes(parse(once), "//*[local-name()='transport']/@cluster").item(0).getNodeValue())
        .isEqualTo("dg-15-0-21");
    assertThat(InfinispanXml.withTransportCluster(once, "dg-15-0-21")).isSameAs(once);
  }

  @Test
  void withoutCachesLeavesOutOnlyTheNamedDeclarationsAndIsIdempotent() throws Exception {
    String out = InfinispanXml.withoutCaches(SOURCE, java.util.List.of("settings", "unknown"));
    NodeList caches =
        nodes(parse(out), "/*[local-name()='infinispan']/*[local-name()='cache-container']/*");
    assertThat(attributes(caches, "name")).doesNotContain("settings").contains("sessions");
    assertThat(out).contains("<!-- the grid's own settings: must survive every edit -->");
    assertThat(InfinispanXml.withoutCaches(out, java.util.List.of("settings"))).isSameAs(out);
    assertThat(InfinispanXml.withoutCaches(SOURCE, java.util.List.of("unknown"))).isSameAs(SOURCE);
  }

  @Test
  void withCachesReplacesSameNamedCachesInsideTheCacheContainerAndKeepsTheRest() throws Exception {
    Document out = parse(InfinispanXml.withCaches(SOURCE, CACHES));

    NodeList caches =
        nodes(out, "/*[local-name()='infinispan']/*[local-name()='cache-container']/*");
    assertThat(caches.getLength()).isEqualTo(4);
    assertThat(attributes(caches, "name")).containsExactly(null, "settings", "sessions", "carts");
    Element sessions = (Element) caches.item(2);
    assertThat(sessions.getNamespaceURI()).isEqualTo(CONFIG_NS);
    assertThat(sessions.getAttribute("owners")).isEqualTo("2");
    Element store = (Element) nodes(out, "//*[local-name()='remote-store']").item(0);
    assertThat(store.getNamespaceURI()).isEqualTo(REMOTE_NS);
    assertThat(
            ((Element) store.getElementsByTagNameNS(REMOTE_NS, "remote-server").item(0))
                .getAttribute("host"))
        .isEqualTo("10.0.0.7");
    assertThat(nodes(out, "//*[local-name()='digest']/@username").item(0).getNodeValue())
        .isEqualTo("${env.GRIDSHIFT_SOURCE_USERNAME}");
    // What was not ours is untouched: transport, server section and its namespace, comments.
    assertThat(nodes(out, "//*[local-name()='transport']/@cluster").item(0).getNodeValue())
        .isEqualTo("${infinispan.cluster.name:dg}");
    Element server = (Element) nodes(out, "//*[local-name()='server']").item(0);
    assertThat(server.getNamespaceURI()).isEqualTo("urn:infinispan:server:14.0");
    assertThat(InfinispanXml.withCaches(SOURCE, CACHES))
        .startsWith("<?xml")
        .contains("<!-- the grid's own settings: must survive every edit -->");
  }

  @Test
  void withCachesIsIdempotent() {
    String once = InfinispanXml.withCaches(SOURCE, CACHES);

    assertThat(InfinispanXml.withCaches(once, CACHES)).isEqualTo(once);
  }

  @Test
  void withoutRemoteStoresDropsStoresAndThePersistenceTheyLeaveEmpty() throws Exception {
    String connected = InfinispanXml.withCaches(SOURCE, CACHES);

    String disconnected = InfinispanXml.withoutRemoteStores(connected);

    Document out = parse(disconnected);
    assertThat(nodes(out, "//*[local-name()='remote-store']").getLength()).isZero();
    assertThat(nodes(out, "//*[local-name()='persistence']").getLength()).isZero();
    assertThat(nodes(out, "//*[local-name()='distributed-cache']").getLength()).isEqualTo(2);
    assertThat(nodes(out, "//*[local-name()='memory']/@max-count").item(0).getNodeValue())
        .isEqualTo("1000");
    assertThat(disconnected)
        .contains("<distributed-cache mode=\"SYNC\" name=\"sessions\" owners=\"2\"/>")
        .doesNotContain("10.0.0.7")
        .doesNotContain("\n\n");
    assertThat(InfinispanXml.withoutRemoteStores(disconnected)).isSameAs(disconnected);
  }

  @Test
  void withoutRemoteStoresKeepsAPersistenceThatHasAnotherStore() throws Exception {
    String xml =
        """
        <infinispan xmlns="urn:infinispan:config:15.0"><cache-container>
          <distributed-cache name="c"><persistence>
            <file-store/>
            <remote-store xmlns="urn:infinispan:config:store:remote:15.0" cache="c"/>
          </persistence></distributed-cache>
        </cache-container></infinispan>""";

    Document out = parse(InfinispanXml.withoutRemoteStores(xml));

    assertThat(nodes(out, "//*[local-name()='persistence']/*").getLength()).isEqualTo(1);
    assertThat(nodes(out, "//*[local-name()='file-store']").getLength()).isEqualTo(1);
  }

  @Test
  void withoutRemoteStoresReturnsXmlWithoutStoresUnchanged() {
    assertThat(InfinispanXml.withoutRemoteStores(SOURCE)).isSameAs(SOURCE);
  }

  @Test
  void rejectsWhatItCannotEditWithAMessage() {
    assertThatThrownBy(() -> InfinispanXml.withoutRemoteStores("<infinispan><cache-container>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("infinispan.xml is not well-formed XML");
    assertThatThrownBy(() -> InfinispanXml.withCaches("<infinispan/>", CACHES))
        .hasMessageContaining("no <cache-container>");
    assertThatThrownBy(() -> InfinispanXml.withCaches(SOURCE, "<distributed-cache name='x'>"))
        .hasMessageContaining("cache configs is not well-formed XML");
    String entity =
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><infinispan>&e;</infinispan>";
    assertThatThrownBy(() -> InfinispanXml.withoutRemoteStores(entity))
        .hasMessageContaining("DOCTYPE");
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static NodeList nodes(Document doc, String xpath) throws Exception {
    return (NodeList)
        XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
  }

  private static java.util.List<String> attributes(NodeList elements, String name) {
    java.util.List<String> values = new java.util.ArrayList<>();
    for (int i = 0; i < elements.getLength(); i++) {
      Element e = (Element) elements.item(i);
      values.add(e.hasAttribute(name) ? e.getAttribute(name) : null);
    }
    return values;
  }
}
