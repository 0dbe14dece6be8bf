package io.gridshift.activities.hazelcast;

import static io.gridshift.activities.hazelcast.HzFixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.WorkloadOwner;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class InspectTest {
  static final String YAML =
      """
      hazelcast:
        cluster-name: orders
        cp-subsystem:
          cp-member-count: 3
        serialization:
          compact-serialization:
            serializers:
              - serializer: com.acme.OrderSerializer
        properties:
          hazelcast.graceful.shutdown.max.wait: 300
          hazelcast.shutdownhook.policy: TERMINATE
        map:
          default:
            backup-count: 1
          orders:
            backup-count: 2
          cache-*:
            backup-count: 0
            time-to-live-seconds: 60
          no-backups-set:
            in-memory-format: BINARY
      """;

  static final String XML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <hazelcast xmlns="http://www.hazelcast.com/schema/config">
        <cluster-name>orders-xml</cluster-name>
        <properties>
          <property name="hazelcast.graceful.shutdown.max.wait">120</property>
          <property name="hazelcast.logging.type">slf4j</property>
        </properties>
        <map name="default"><backup-count>1</backup-count></map>
        <map name="sessions">
          <async-backup-count>1</async-backup-count>
          <backup-count>0</backup-count>
        </map>
      </hazelcast>
      """;

  KubernetesClient client;
  private HazelcastActivitiesImpl activities;

  @BeforeEach
  void setUp() {
    activities =
        new HazelcastActivitiesImpl(ClusterAccess.of(HzFixtures.CLUSTER.cluster(), client));
    client.configMaps().resource(HzFixtures.configMap("scripts", "start.sh", "#!/bin/sh")).create();
  }

  @Test
  void anInfinispanStatefulSetIsRefusedByAHazelcastUpgradeNamingWhatWasFound() {
    StatefulSet infinispan = HzFixtures.statefulSet("dg", 3, null);
    infinispan.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getImage().contains("hazelcast"))
        .forEach(c -> c.setImage("quay.io/infinispan/server:14.0.28.Final"));
    create(infinispan);

    assertThatThrownBy(() -> activities.inspect(HzFixtures.sts("dg")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              assertThat(f.getOriginalMessage())
                  .contains("StatefulSet hz/dg runs Infinispan (container member, image")
                  .contains("not Hazelcast")
                  .contains("set \"kind\": \"infinispan\"");
            });
  }

  @Test
  void aWorkloadTheHazelcastPlatformOperatorOwnsIsReadAsOwned() {
    StatefulSet owned = HzFixtures.statefulSet("hz", 3, null);
    owned
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion("hazelcast.com/v1alpha1")
                    .withKind("Hazelcast")
                    .withName("orders")
                    .withUid("u-1")
                    .withController(true)
                    .build()));
    create(owned);

    WorkloadOwner owner = activities.inspect(HzFixtures.sts("hz")).owner();

    assertThat(owner.type()).isEqualTo(WorkloadOwner.Type.OPERATOR);
    assertThat(owner.manager()).isEqualTo("Hazelcast Platform Operator");
    assertThat(owner.object()).isEqualTo("StatefulSet hz/hz");
    assertThat(owner.resource()).isEqualTo("Hazelcast hz/orders");
  }

  @Test
  void theClaimOfTheUpgradeHoldingTheWorkloadIsRead() {
    StatefulSet held = HzFixtures.statefulSet("hz", 3, null);
    held.getMetadata().setAnnotations(Map.of("gridshift.io/upgrade", "hazelcast-upgrade-x"));
    create(held);

    assertThat(activities.inspect(HzFixtures.sts("hz")).claimedBy())
        .isEqualTo("hazelcast-upgrade-x");
  }

  @Test
  void readsStatefulSetJavaOptsAndYamlConfigWithJavaOptsWinning() {
    create(
        HzFixtures.statefulSet(
            "hz",
            3,
            HzFixtures.javaOpts(
                "-Xmx1g -Dhazelcast.shutdownhook.policy=GRACEFUL"
                    + "  -Dhazelcast.diagnostics.enabled -Dquoted=\"a b\" -XX:+UseG1GC")));
    client
        .configMaps()
        .resource(HzFixtures.configMap("hz-config", "hazelcast.yaml", YAML))
        .create();

    HazelcastWorkload w = activities.inspect(HzFixtures.sts("hz"));

    assertThat(w.name()).isEqualTo("hz");
    assertThat(w.kind()).isEqualTo(WorkloadKind.STATEFULSET);
    assertThat(w.replicas()).isEqualTo(3);
    assertThat(w.readyReplicas()).isEqualTo(3);
    // The sidecar comes first; the container running a hazelcast image is the member.
    assertThat(w.container()).isEqualTo("member");
    assertThat(w.image()).isEqualTo(HzFixtures.IMAGE);
    assertThat(w.version()).isEqualTo("5.3.6");
    assertThat(w.terminationGracePeriodSeconds()).isEqualTo(30);
    assertThat(w.systemProperties())
        .containsEntry("hazelcast.shutdownhook.policy", "GRACEFUL")
        .containsEntry("hazelcast.graceful.shutdown.max.wait", "300")
        .containsEntry("hazelcast.diagnostics.enabled", "")
        .containsEntry("quoted", "a b")
        .hasSize(4);
    assertThat(w.mapBackupCounts()).isEqualTo(Map.of("default", 1, "orders", 2, "cache-*", 0));
    assertThat(w.strategyType()).isEqualTo("RollingUpdate");
    assertThat(w.partition()).isEqualTo(2);
    assertThat(w.maxUnavailable()).isNull();
    assertThat(w.maxSurge()).isNull();
    assertThat(w.configMap()).isEqualTo("hz-config");
    assertThat(w.features().cpMemberCount()).isEqualTo(3);
    assertThat(w.features().serialization())
        .containsExactly("compact serializer com.acme.OrderSerializer");
  }

  @Test
  void resolvesJavaOptsFromAConfigMapKeyAndReadsXmlConfig() {
    EnvVar fromConfigMap =
        new EnvVarBuilder()
            .withName("JAVA_OPTS")
            .withNewValueFrom()
            .withNewConfigMapKeyRef()
            .withName("jvm")
            .withKey("opts")
            .endConfigMapKeyRef()
            .endValueFrom()
            .build();
    StatefulSet sts = HzFixtures.statefulSet("hzx", 2, fromConfigMap);
    sts.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(700L);
    create(sts);
    client
        .configMaps()
        .resource(HzFixtures.configMap("jvm", "opts", "-Dhazelcast.graceful.shutdown.max.wait=600"))
        .create();
    client.configMaps().resource(HzFixtures.configMap("hzx-config", "hazelcast.xml", XML)).create();

    HazelcastWorkload w = activities.inspect(HzFixtures.sts("hzx"));

    assertThat(w.systemProperties())
        .isEqualTo(
            Map.of(
                "hazelcast.graceful.shutdown.max.wait", "600",
                "hazelcast.logging.type", "slf4j"));
    assertThat(w.mapBackupCounts()).isEqualTo(Map.of("default", 1, "sessions", 0));
    assertThat(w.terminationGracePeriodSeconds()).isEqualTo(700);
    assertThat(w.configMap()).isEqualTo("hzx-config");
  }

  @Test
  void withoutConfigMapOrJavaOptsEverythingIsEmpty() {
    create(HzFixtures.statefulSet("bare", 1, null));

    HazelcastWorkload w = activities.inspect(HzFixtures.sts("bare"));

    assertThat(w.systemProperties()).isEmpty();
    assertThat(w.mapBackupCounts()).isEmpty();
    assertThat(w.configMap()).isNull();
  }

  @Test
  void resolvesDeploymentPercentagesAsKubernetesDoes() {
    client.apps().deployments().resource(HzFixtures.deploymentOf("d10", 10, "25%", "25%")).create();
    client.apps().deployments().resource(HzFixtures.deploymentOf("d3", 3, "34%", "1%")).create();
    client.apps().deployments().resource(HzFixtures.deploymentOf("d0", 3, "10%", "0")).create();

    HazelcastWorkload d10 = activities.inspect(HzFixtures.deployment("d10"));
    HazelcastWorkload d3 = activities.inspect(HzFixtures.deployment("d3"));
    HazelcastWorkload d0 = activities.inspect(HzFixtures.deployment("d0"));

    // 25% of 10: unavailable rounds down to 2, surge rounds up to 3.
    assertThat(d10.maxUnavailable()).isEqualTo(2);
    assertThat(d10.maxSurge()).isEqualTo(3);
    assertThat(d10.kind()).isEqualTo(WorkloadKind.DEPLOYMENT);
    assertThat(d10.partition()).isZero();
    // 34% of 3 = 1.02 -> 1; 1% of 3 = 0.03 -> 1.
    assertThat(d3.maxUnavailable()).isEqualTo(1);
    assertThat(d3.maxSurge()).isEqualTo(1);
    // 10% of 3 -> 0 and surge 0: the controller bumps maxUnavailable to 1 so it can progress.
    assertThat(d0.maxUnavailable()).isEqualTo(1);
    assertThat(d0.maxSurge()).isZero();
  }

  @Test
  void missingWorkloadIsGridNotFoundListingWhatExists() {
    create(HzFixtures.statefulSet("hz-a", 1, null));
    client.apps().deployments().resource(HzFixtures.deploymentOf("hz-b", 1, "1", "1")).create();

    assertThatThrownBy(() -> activities.inspect(HzFixtures.sts("hz-typo")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(FailureTypes.GRID_NOT_FOUND);
              assertThat(f.getOriginalMessage())
                  .contains("StatefulSet " + NS + "/hz-typo not found in cluster test")
                  .contains("StatefulSet hz-a, Deployment hz-b");
            });
  }

  /** Issue 16: DeploymentConfigs are for Infinispan grids only; a Hazelcast one is refused. */
  @Test
  void aDeploymentConfigIsRefusedSayingWhatGridshiftUpgrades() {
    WorkloadRef dc = new WorkloadRef(HzFixtures.CLUSTER, WorkloadKind.DEPLOYMENT_CONFIG, "hz");

    assertThatThrownBy(() -> activities.inspect(dc))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              assertThat(f.getOriginalMessage())
                  .contains("DeploymentConfig " + NS + "/hz")
                  .contains("StatefulSet or a Deployment");
            });
  }

  @Test
  void invalidYamlIsAnInvalidRequestNamingTheConfigMap() {
    create(HzFixtures.statefulSet("broken", 1, null));
    client
        .configMaps()
        .resource(HzFixtures.configMap("broken-config", "hazelcast.yaml", "hazelcast: [unclosed"))
        .create();

    assertThatThrownBy(() -> activities.inspect(HzFixtures.sts("broken")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              assertThat(f.getOriginalMessage())
                  .contains("ConfigMap hz/broken-config key hazelcast.yaml is not valid YAML");
            });
  }

  private void create(StatefulSet sts) {
    client.apps().statefulSets().resource(sts).create();
  }
}
