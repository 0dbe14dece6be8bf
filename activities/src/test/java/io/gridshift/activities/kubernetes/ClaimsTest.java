package io.gridshift.activities.kubernetes;

import static io.gridshift.activities.kubernetes.Fixtures.CLUSTER;
import static io.gridshift.activities.kubernetes.Fixtures.NS;
import static io.gridshift.activities.kubernetes.Fixtures.SOURCE_SELECTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.activities.ClaimedObject;
import io.gridshift.workflows.activities.ClaimedObject.Kind;
import io.gridshift.workflows.activities.PartitionRequest;
import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.DeleteGridRequest;
import io.gridshift.workflows.infinispan.activities.InspectSourceRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One upgrade per object (issue 10): claims written, refused, checked before destructive steps and
 * released, against the fabric8 mock server in CRUD mode.
 */
@EnableKubernetesMockClient(crud = true)
class ClaimsTest {
  private static final String A = "infinispan-upgrade-test-demo-dg";
  private static final String B = "infinispan-upgrade-test-demo-dg-15-0-21";
  private static final WorkloadRef DG = new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, "dg");
  private static final List<ClaimedObject> DG_AND_SERVICE =
      List.of(new ClaimedObject(Kind.STATEFULSET, "dg"), new ClaimedObject(Kind.SERVICE, "dg"));

  KubernetesClient client;
  private KubernetesActivitiesImpl kube;
  private InfinispanDeployActivitiesImpl deploy;

  @BeforeEach
  void setUp() {
    ClusterAccess cluster = ClusterAccess.of(Fixtures.CLUSTER.cluster(), client);
    kube = new KubernetesActivitiesImpl(cluster);
    deploy = new InfinispanDeployActivitiesImpl(cluster);
    client
        .apps()
        .statefulSets()
        .resource(Fixtures.grid("dg", "quay.io/infinispan/server:14.0.28.Final", 3))
        .create();
    client.configMaps().resource(Fixtures.gridConfig("dg")).create();
    client.services().resource(Fixtures.service("dg", SOURCE_SELECTOR)).create();
  }

  @Test
  void aClaimAnnotatesEveryObjectAndASecondUpgradeIsRefusedNamingTheFirst() {
    kube.claim(new ClaimRequest(CLUSTER, A, DG_AND_SERVICE));
    kube.claim(new ClaimRequest(CLUSTER, A, DG_AND_SERVICE)); // idempotent

    assertThat(holder(statefulSet("dg"))).isEqualTo(A);
    assertThat(holder(service("dg"))).isEqualTo(A);
    assertConflict(
        () -> kube.claim(new ClaimRequest(CLUSTER, B, DG_AND_SERVICE)),
        "StatefulSet demo/dg in cluster test is held by another upgrade, " + A,
        "kubectl annotate statefulset -n demo dg gridshift.io/upgrade-");
    assertThat(holder(statefulSet("dg"))).isEqualTo(A);
  }

  @Test
  void aClaimIsAllOrNothing() {
    client
        .apps()
        .statefulSets()
        .resource(Fixtures.grid("other", "quay.io/infinispan/server:14.0.28.Final", 1))
        .create();
    kube.claim(new ClaimRequest(CLUSTER, A, List.of(new ClaimedObject(Kind.SERVICE, "dg"))));

    List<ClaimedObject> both =
        List.of(
            new ClaimedObject(Kind.STATEFULSET, "other"), new ClaimedObject(Kind.SERVICE, "dg"));
    assertConflict(() -> kube.claim(new ClaimRequest(CLUSTER, B, both)), "held by another upgrade");

    assertThat(holder(statefulSet("other"))).as("nothing claimed").isNull();
  }

  @Test
  void thePlanOfASecondUpgradeIsRefusedNamingTheHolder() {
    kube.claim(new ClaimRequest(CLUSTER, A, DG_AND_SERVICE));

    assertConflict(
        () -> deploy.inspectSource(new InspectSourceRequest(CLUSTER, "dg", "dg", null, null, B)),
        "is held by another upgrade, " + A);
    // The holder itself plans again (a retried plan) without trouble.
    assertThat(deploy.inspectSource(new InspectSourceRequest(CLUSTER, "dg", "dg", null, null, A)))
        .isNotNull();
  }

  @Test
  void destructiveStepsOfAnotherUpgradeChangeNothing() {
    kube.claim(new ClaimRequest(CLUSTER, A, DG_AND_SERVICE));

    assertConflict(
        () ->
            kube.setServiceSelector(
                new ServiceSelectorRequest(CLUSTER, "dg", Map.of("app", "elsewhere"), B)),
        "held by another upgrade, " + A);
    assertConflict(() -> kube.setPartition(new PartitionRequest(DG, 1, B)), A);
    assertConflict(
        () -> deploy.deleteGrid(new DeleteGridRequest(CLUSTER, "dg", List.of("dg"), true, B)), A);

    assertThat(service("dg").getSpec().getSelector()).isEqualTo(SOURCE_SELECTOR);
    assertThat(statefulSet("dg").getSpec().getUpdateStrategy().getRollingUpdate().getPartition())
        .isZero();
    assertThat(statefulSet("dg")).as("not deleted").isNotNull();
    assertThat(client.configMaps().inNamespace(NS).withName("dg-config").get()).isNotNull();
  }

  @Test
  void aDeleteRefusedForOneServiceDeletesNothing() {
    kube.claim(new ClaimRequest(CLUSTER, A, List.of(new ClaimedObject(Kind.STATEFULSET, "dg"))));
    // Service dg is not A's: the grid must not go while its Service stays behind half-done.
    assertConflict(
        () -> deploy.deleteGrid(new DeleteGridRequest(CLUSTER, "dg", List.of("dg"), true, A)),
        "no longer carries the claim of upgrade " + A);

    assertThat(statefulSet("dg")).isNotNull();
    assertThat(service("dg")).isNotNull();
  }

  @Test
  void theHolderChangesWhatItClaimedAndALostClaimStopsIt() {
    kube.claim(new ClaimRequest(CLUSTER, A, DG_AND_SERVICE));
    kube.setPartition(new PartitionRequest(DG, 2, A));
    assertThat(statefulSet("dg").getSpec().getUpdateStrategy().getRollingUpdate().getPartition())
        .isEqualTo(2);

    kube.release(new ClaimRequest(CLUSTER, A, List.of(new ClaimedObject(Kind.STATEFULSET, "dg"))));

    assertConflict(
        () -> kube.setPartition(new PartitionRequest(DG, 1, A)),
        "no longer carries the claim of upgrade " + A,
        "kubectl annotate statefulset -n demo dg gridshift.io/upgrade=" + A);
  }

  @Test
  void releaseRemovesOnlyItsOwnClaimAndSkipsWhatIsGone() {
    kube.claim(new ClaimRequest(CLUSTER, A, List.of(new ClaimedObject(Kind.SERVICE, "dg"))));
    kube.claim(new ClaimRequest(CLUSTER, B, List.of(new ClaimedObject(Kind.STATEFULSET, "dg"))));

    kube.release(
        new ClaimRequest(
            CLUSTER,
            A,
            List.of(
                new ClaimedObject(Kind.STATEFULSET, "dg"),
                new ClaimedObject(Kind.SERVICE, "dg"),
                new ClaimedObject(Kind.SERVICE, "gone"))));

    assertThat(holder(service("dg"))).isNull();
    assertThat(holder(statefulSet("dg"))).isEqualTo(B);
  }

  @Test
  void withoutAClaimNothingIsChecked() {
    // Histories from before claims pass null: the step runs as it always did.
    kube.setServiceSelector(new ServiceSelectorRequest(CLUSTER, "dg", Map.of("grid", "dg"), null));

    assertThat(service("dg").getSpec().getSelector()).isEqualTo(Map.of("grid", "dg"));
  }

  private StatefulSet statefulSet(String name) {
    return client.apps().statefulSets().inNamespace(NS).withName(name).get();
  }

  private io.fabric8.kubernetes.api.model.Service service(String name) {
    return client.services().inNamespace(NS).withName(name).get();
  }

  private static String holder(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ClaimRequest.ANNOTATION);
  }

  private static void assertConflict(Runnable call, String... messageParts) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.CLAIM_CONFLICT);
              assertThat(f.isNonRetryable()).isTrue();
              for (String part : messageParts) {
                assertThat(f.getOriginalMessage()).contains(part);
              }
            });
  }
}
