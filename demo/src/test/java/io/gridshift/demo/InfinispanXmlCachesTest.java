package io.gridshift.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.demo.InfinispanXmlCaches.Encoding;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The caches of an infinispan.xml, as the demo loads them. */
class InfinispanXmlCachesTest {
  @Test
  void readsEachCacheKindAndItsValueEncodingAndSkipsTemplates() {
    String xml =
        """
        <infinispan xmlns="urn:infinispan:config:13.0">
          <cache-container>
            <local-cache name="a"/>
            <distributed-cache-configuration name="template">
              <encoding media-type="application/x-protostream"/>
            </distributed-cache-configuration>
            <invalidation-cache name="b"><encoding media-type="text/plain; charset=UTF-8"/></invalidation-cache>
            <distributed-cache name="c">
              <encoding><key media-type="text/plain"/><value media-type="application/x-protostream"/></encoding>
            </distributed-cache>
            <replicated-cache name="d"><encoding media-type="application/x-java-object"/></replicated-cache>
          </cache-container>
        </infinispan>
        """;
    assertThat(InfinispanXmlCaches.read(xml))
        .containsExactly(
            Map.entry("a", Encoding.UNENCODED),
            Map.entry("b", Encoding.TEXT),
            Map.entry("c", Encoding.PROTOSTREAM),
            Map.entry("d", Encoding.OTHER));
  }

  @Test
  void refusesADoctypeAsAUsersFileShouldNotFetchAnything() {
    assertThatThrownBy(
            () ->
                InfinispanXmlCaches.read(
                    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><infinispan>&e;</infinispan>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("infinispan.xml is not well-formed XML");
  }
}
