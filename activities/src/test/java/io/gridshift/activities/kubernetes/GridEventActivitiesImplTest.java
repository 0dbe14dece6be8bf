package io.gridshift.activities.kubernetes;

import static io.gridshift.activities.kubernetes.Fixtures.CLUSTER;
import static io.gridshift.activities.kubernetes.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.activities.GridEventActivities;
import io.gridshift.workflows.activities.GridEventReason;
import io.gridshift.workflows.activities.GridEventRequest;
import io.gridshift.workflows.activities.GridEventsWritten;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Events an upgrade writes, against the Kubernetes mock's CRUD state. */
@EnableKubernetesMockClient(crud = true)
class GridEventActivitiesImplTest {
  KubernetesMockServer server;
  KubernetesClient client;
  private GridEventActivities events;

  /**
   * Called directly: the payloads' round trip through Temporal is covered by the workflow's
   * KubernetesEventsTest, and a test server per test would cost seconds each.
   */
  @BeforeEach
  void setUp() {
    events = new GridEventActivitiesImpl(ClusterAccess.of(CLUSTER.cluster(), client));
  }

  @Test
  void anEventOnEachWorkloadThatExistsNamingItsUidAndTheWorkflow() {
    StatefulSet source =
        client.resource(Fixtures.grid("dg", "quay.io/infinispan/server:14.0", 2)).create();
    client
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("hz")
                .withNamespace(NS)
                .endMetadata()
                .build())
        .create();

    GridEventsWritten result =
        events.record(
            request(
                List.of("dg", "hz", "dg-v2"),
                GridEventReason.GATE_APPROVED,
                "gate 'cutover' approved by alice: go",
                3));

    assertThat(result).isEqualTo(new GridEventsWritten(2, 0, 1, 0));
    List<Event> written = GridEvents.list(client, NS);
    assertThat(written).hasSize(2);
    Event onSource = on(written, "dg");
    assertThat(onSource.getInvolvedObject().getKind()).isEqualTo("StatefulSet");
    assertThat(onSource.getInvolvedObject().getApiVersion()).isEqualTo("apps/v1");
    assertThat(onSource.getInvolvedObject().getUid())
        .isNotNull()
        .isEqualTo(source.getMetadata().getUid());
    assertThat(onSource.getReason()).isEqualTo("GateApproved");
    assertThat(onSource.getType()).isEqualTo("Normal");
    assertThat(onSource.getMessage())
        .isEqualTo("gate 'cutover' approved by alice: go (workflow upgrade-dg)");
    assertThat(onSource.getSource().getComponent()).isEqualTo("gridshift");
    assertThat(onSource.getReportingComponent()).isEqualTo("gridshift");
    assertThat(onSource.getFirstTimestamp()).isEqualTo("2026-12-07T15:00:01Z");
    assertThat(onSource.getCount()).isEqualTo(1);
    assertThat(onSource.getMetadata().getName()).startsWith("dg.");
    assertThat(GridEvents.sequence(onSource)).isEqualTo(3);
    assertThat(on(written, "hz").getInvolvedObject().getKind()).isEqualTo("Deployment");
    assertThat(GridEvents.ofWorkflow(client, NS, "upgrade-dg")).hasSize(2);
    assertThat(GridEvents.ofWorkflow(client, NS, "another")).isEmpty();
  }

  @Test
  void aRetriedCallWritesNothingTwiceAndTheNextEventIsANewOne() {
    client.resource(Fixtures.grid("dg", "quay.io/infinispan/server:14.0", 2)).create();
    GridEventRequest started = request(List.of("dg"), GridEventReason.STEP_STARTED, "step x", 1);

    assertThat(events.record(started)).isEqualTo(new GridEventsWritten(1, 0, 0, 0));
    assertThat(events.record(started)).isEqualTo(new GridEventsWritten(0, 1, 0, 0));
    assertThat(GridEvents.count(client, NS)).isEqualTo(1);

    events.record(request(List.of("dg"), GridEventReason.STEP_COMPLETED, "step x done", 2));
    assertThat(GridEvents.list(client, NS))
        .extracting(Event::getReason)
        .containsExactly("StepStarted", "StepCompleted");
  }

  @Test
  void aRefusedWriteIsCountedAndNeverFailsTheCall() {
    client.resource(Fixtures.grid("dg", "quay.io/infinispan/server:14.0", 2)).create();
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + NS + "/events")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage("events is forbidden: cannot create resource \"events\"")
                .build())
        .always();

    GridEventsWritten result =
        events.record(request(List.of("dg"), GridEventReason.STEP_FAILED, "step x failed", 1));

    assertThat(result).isEqualTo(new GridEventsWritten(0, 0, 0, 1));
  }

  @Test
  void aLongMessageIsCutAndANameStaysWithinKubernetesLimits() {
    String longName = "g".repeat(253);
    GridEventRequest r =
        request(List.of(longName), GridEventReason.STEP_FAILED, "x".repeat(5000), 7);
    assertThat(GridEvents.name(r, longName)).hasSize(253).matches("g+\\.[0-9a-f]{16}");
    assertThat(GridEvents.name(r, longName)).isEqualTo(GridEvents.name(r, longName));
    Event e =
        GridEvents.of(
            r,
            new io.fabric8.kubernetes.api.model.ObjectReferenceBuilder()
                .withName(longName)
                .withNamespace(NS)
                .build());
    assertThat(e.getMessage()).hasSize(GridEvents.MAX_MESSAGE).endsWith("...");
  }

  private static Event on(List<Event> events, String name) {
    return events.stream()
        .filter(e -> e.getInvolvedObject().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static GridEventRequest request(
      List<String> workloads, GridEventReason reason, String what, int sequence) {
    return new GridEventRequest(
        CLUSTER,
        workloads,
        reason.reason(),
        reason.type(),
        what + " (workflow upgrade-dg)",
        "upgrade-dg",
        "run-1",
        sequence,
        "2026-12-07T15:00:01.250Z");
  }
}
