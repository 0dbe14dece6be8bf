package io.gridshift.activities.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.hazelcast.activities.MemberFeatures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CP Subsystem and serialization as a member configuration sets them, in YAML and in XML. */
class MemberFeaturesReaderTest {

  @Test
  void yamlCpMemberCountAndEveryClassTheSerializationNames() {
    MemberFeatures f =
        MemberConfig.fromYaml(
                """
                hazelcast:
                  cp-subsystem:
                    cp-member-count: 3
                  serialization:
                    data-serializable-factories:
                      - factory-id: 1
                        class-name: com.acme.Factories
                    portable-factories:
                      - factory-id: 2
                        class-name: com.acme.Portables
                    serializers:
                      global-serializer:
                        override-java-serialization: true
                        class-name: com.acme.Global
                      serializers:
                        - type-class: com.acme.Money
                          class-name: com.acme.MoneySerializer
                    compact-serialization:
                      serializers:
                        - serializer: com.acme.OrderSerializer
                      classes:
                        - class: com.acme.Customer
                """,
                "ConfigMap hz/hz-config")
            .features();

    assertThat(f.cpMemberCount()).isEqualTo(3);
    assertThat(f.serialization())
        .containsExactly(
            "data-serializable factory 1: com.acme.Factories",
            "portable factory 2: com.acme.Portables",
            "global serializer com.acme.Global",
            "serializer com.acme.MoneySerializer for com.acme.Money",
            "compact serializer com.acme.OrderSerializer",
            "compact class com.acme.Customer");
  }

  @Test
  void xmlTheSame() {
    MemberFeatures f =
        MemberConfig.fromXml(
                """
                <hazelcast xmlns="http://www.hazelcast.com/schema/config">
                  <cp-subsystem><cp-member-count>5</cp-member-count></cp-subsystem>
                  <serialization>
                    <data-serializable-factories>
                      <data-serializable-factory factory-id="1">com.acme.Factories</data-serializable-factory>
                    </data-serializable-factories>
                    <serializers>
                      <global-serializer override-java-serialization="true">com.acme.Global</global-serializer>
                      <serializer type-class="com.acme.Money" class-name="com.acme.MoneySerializer"/>
                    </serializers>
                    <compact-serialization>
                      <serializers><serializer>com.acme.OrderSerializer</serializer></serializers>
                      <classes><class>com.acme.Customer</class></classes>
                    </compact-serialization>
                    <use-native-byte-order>true</use-native-byte-order>
                  </serialization>
                </hazelcast>
                """,
                "ConfigMap hz/hz-config")
            .features();

    assertThat(f.cpMemberCount()).isEqualTo(5);
    assertThat(f.serialization())
        .containsExactly(
            "data-serializable factory 1: com.acme.Factories",
            "global serializer com.acme.Global",
            "serializer com.acme.MoneySerializer for com.acme.Money",
            "compact serializer com.acme.OrderSerializer",
            "compact class com.acme.Customer");
  }

  @Test
  void aConfigurationWithoutThemHasNone() {
    assertThat(MemberConfig.fromYaml("hazelcast:\n  cluster-name: a\n", "y").features())
        .isEqualTo(MemberFeatures.NONE);
    assertThat(
            MemberConfig.fromXml("<hazelcast><cluster-name>a</cluster-name></hazelcast>", "x")
                .features())
        .isEqualTo(MemberFeatures.NONE);
  }

  @Test
  void yamlEveryMapConfigurationWithItsEnabledJournalsCapacity() {
    MemberFeatures f =
        MemberConfig.fromYaml(
                """
                hazelcast:
                  map:
                    default:
                      event-journal:
                        enabled: true
                    orders-*:
                      event-journal:
                        enabled: true
                        capacity: 200000
                    sessions:
                      backup-count: 1
                      event-journal:
                        enabled: false
                        capacity: 5000
                    carts:
                      backup-count: 2
                """,
                "ConfigMap hz/hz-config")
            .features();

    // Enabled without a capacity: Hazelcast's 10,000. Disabled or absent: 0, whatever it says.
    assertThat(f.journals())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("default", 10_000, "orders-*", 200_000, "sessions", 0, "carts", 0));
  }

  @Test
  void xmlEveryMapConfigurationWithItsEnabledJournalsCapacity() {
    MemberFeatures f =
        MemberConfig.fromXml(
                """
                <hazelcast xmlns="http://www.hazelcast.com/schema/config">
                  <map name="default">
                    <event-journal enabled="true"><capacity>100000</capacity></event-journal>
                  </map>
                  <map name="orders-*"><event-journal enabled="true"/></map>
                  <map name="sessions">
                    <event-journal enabled="false"><capacity>5000</capacity></event-journal>
                  </map>
                  <map name="carts"><backup-count>2</backup-count></map>
                </hazelcast>
                """,
                "ConfigMap hz/hz-config")
            .features();

    assertThat(f.journals())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("default", 100_000, "orders-*", 10_000, "sessions", 0, "carts", 0));
  }

  @Test
  void noMapSectionNoJournals() {
    assertThat(MemberConfig.fromYaml("hazelcast:\n  cluster-name: hz\n", "x").features().journals())
        .isEmpty();
  }
}
