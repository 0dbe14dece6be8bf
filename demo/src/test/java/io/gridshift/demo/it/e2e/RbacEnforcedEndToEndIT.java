package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.kubernetes.GridEvents;
import io.gridshift.demo.HazelcastDemo;
import io.gridshift.demo.HazelcastDemoGrid;
import io.gridshift.sandbox.SandboxCluster;
import io.gridshift.sandbox.kube.RbacEnforcement;
import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.MemberStatus;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.HazelcastDetails;
import io.temporal.api.common.v1.WorkflowExecution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Least privilege, proven: the sandbox's Kubernetes API enforces the project's own {@code
 * deploy/rbac} for the agent identity the worker acts as, and a Hazelcast upgrade completes under
 * it with no request refused, its forced rollback (which deletes a stuck pod) included; the
 * Infinispan upgrade runs under the same enforcement in {@code SecureDemoEndToEndIT}. In namespace
 * {@code lean} the Role lacks one rule (statefulsets update, which claiming a grid needs): the
 * upgrade there fails at once with a 403 that names the verb, the resource, the namespace and the
 * rule to add, and changes nothing. The Kubernetes Events the agent writes under that RBAC are read
 * back from the grid's StatefulSet after each upgrade (issue 15).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RbacEnforcedEndToEndIT {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final String FULL_RULE = "verbs: [\"get\", \"list\", \"patch\", \"update\"]";
  private static final String WITHOUT_UPDATE = "verbs: [\"get\", \"list\", \"patch\"]";
  private static final int ENTRIES = 10_000;

  private E2eSandbox e2e;
  private UpgradeService service;
  private KubernetesClient admin;
  private SandboxCluster cluster;

  @BeforeAll
  void startSandboxEnforcingTheDeployRbac() throws IOException {
    Path lean = leanRoleWithoutStatefulSetUpdate();
    RbacEnforcement rbac = RbacEnforcement.fromDeploy(DEPLOY);
    RbacEnforcement enforced =
        new RbacEnforcement(
            List.of(rbac.clusterManifests().get(0), lean),
            rbac.namespaceManifests(),
            List.of("default"),
            RbacEnforcement.AGENT_USER);
    e2e = E2eSandbox.start("gridshift-rbac-e2e", o -> o.withRbac(enforced));
    service = e2e.service();
    admin = e2e.sandbox().client(); // cluster-admin, as a person setting up grids
    cluster = e2e.sandbox().defaultCluster();
  }

  /** deploy/rbac/grid-namespace-role.yaml copied into namespace lean, minus statefulsets update. */
  private static Path leanRoleWithoutStatefulSetUpdate() throws IOException {
    String role = Files.readString(DEPLOY.resolve("rbac").resolve("grid-namespace-role.yaml"));
    assertThat(role).as("the rule this test removes").contains(FULL_RULE);
    assertThat(role).contains("namespace: prod");
    Path lean = Files.createTempFile("lean-role", ".yaml");
    Files.writeString(
        lean,
        role.replace(FULL_RULE, WITHOUT_UPDATE).replace("namespace: prod", "namespace: lean"));
    return lean;
  }

  @AfterAll
  void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @Order(1)
  void aMissingRuleFailsTheUpgradeAtOnceWithA403NamingTheRuleToAdd() throws Exception {
    HazelcastDemoGrid grid = new HazelcastDemoGrid(admin, "lean", "hz-lean");
    grid.create(HazelcastDemo.SOURCE_VERSION, 1);
    grid.awaitReady(1, Duration.ofMinutes(3), ready -> {});
    long before = cluster.rbacDenials();

    String id =
        service
            .start(UpgradeRequests.parse(hazelcast("lean", "hz-lean", "5.3.8", ""), false))
            .getWorkflowId();
    UpgradeStatus status = e2e.awaitEnd(id);

    assertThat(status.phase()).as(status.message()).isEqualTo(Phase.FAILED);
    assertThat(status.message())
        .contains("Kubernetes RBAC refused update statefulsets in namespace lean (403 Forbidden")
        .contains("{apiGroups: [\"apps\"], resources: [\"statefulsets\"], verbs: [\"update\"]}")
        .contains("Role in namespace lean (deploy/rbac/grid-namespace-role.yaml)");
    assertThat(cluster.rbacDenials()).as("refused once, not retried").isEqualTo(before + 1);
    assertThat(cluster.recentRbacDenials())
        .last()
        .isEqualTo(
            "statefulsets.apps \"hz-lean\" is forbidden: User"
                + " \"system:serviceaccount:gridshift:gridshift-agent\" cannot update resource"
                + " \"statefulsets\" in API group \"apps\" in the namespace \"lean\"");
    var sts = admin.apps().statefulSets().inNamespace("lean").withName("hz-lean").get();
    assertThat(sts.getMetadata().getAnnotations()).as("no claim written").isNullOrEmpty();
    assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .endsWith(HazelcastDemo.SOURCE_VERSION);
  }

  @Test
  @Order(2)
  void aHazelcastUpgradeRollsBackAStuckPodAndThenCompletesUnderTheDeployRbac() throws Exception {
    HazelcastDemoGrid grid = new HazelcastDemoGrid(admin);
    grid.create(HazelcastDemo.SOURCE_VERSION, 3);
    grid.awaitReady(3, Duration.ofMinutes(5), ready -> {});
    Map<String, Integer> loaded = grid.load(ENTRIES, done -> {});

    // The forced rollback deletes the pod stuck on a bad image (pods delete): the rule the old
    // ClusterRole lacked.
    WorkflowExecution stuck =
        service.start(
            UpgradeRequests.parse(
                hazelcast(
                    "default",
                    grid.name(),
                    "5.3.7",
                    ", \"podTimeout\": \"30s\","
                        + " \"targetImage\": \"hazelcast/hazelcast:5.3.7-unpublished\""),
                false));
    e2e.awaitOpenGateOrEnd(stuck.getWorkflowId(), null);
    assertThat(service.status(stuck.getWorkflowId()).openGate())
        .as(service.status(stuck.getWorkflowId()).message())
        .isNotNull()
        .satisfies(g -> assertThat(g.name()).isEqualTo("resume-or-rollback"));
    service.reject(
        stuck.getWorkflowId(),
        new GateDecision("resume-or-rollback", E2eSandbox.APPROVER, "bad tag"));
    UpgradeStatus rolledBack = e2e.awaitEnd(stuck.getWorkflowId());
    assertThat(rolledBack.phase()).as(rolledBack.message()).isEqualTo(Phase.ABORTED);
    assertThat(rolledBack.message()).contains("Rolled back: every member runs 5.3.6 again");

    WorkflowExecution run =
        service.start(UpgradeRequests.parse(hazelcast("default", grid.name(), "5.3.8", ""), false));
    String id = run.getWorkflowId();
    UpgradeStatus done = e2e.approveEveryGate(id);

    assertThat(done.phase()).as(done.message()).isEqualTo(Phase.COMPLETED);
    assertThat(done.details(HazelcastDetails.class).members())
        .extracting(MemberStatus::version)
        .containsOnly("5.3.8")
        .hasSize(3);
    assertThat(grid.lostKeys(loaded)).allSatisfy((map, lost) -> assertThat(lost).isZero());
    assertThat(cluster.rbacDenials())
        .as("denied: %s", cluster.recentRbacDenials())
        .isEqualTo(1); // the lean namespace's, above
    assertEventsOfTheRollback(grid.name(), stuck);
    assertEventsOfTheUpgrade(grid.name(), run, done);
    // Frees the machine for the Infinispan servers (the controller stops the pods).
    admin.apps().statefulSets().inNamespace("default").withName(grid.name()).delete();
  }

  /**
   * The Events the agent wrote (under the deploy RBAC) on the grid's StatefulSet, as {@code kubectl
   * describe statefulset} lists them: one per step start and end, gate opened and approved with the
   * approver, none twice.
   */
  private void assertEventsOfTheUpgrade(String name, WorkflowExecution run, UpgradeStatus done) {
    List<Event> events = GridEvents.ofRun(admin, "default", run.getWorkflowId(), run.getRunId());
    String uid =
        admin
            .apps()
            .statefulSets()
            .inNamespace("default")
            .withName(name)
            .get()
            .getMetadata()
            .getUid();
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.getInvolvedObject().getKind()).isEqualTo("StatefulSet");
              assertThat(e.getInvolvedObject().getUid()).isNotNull().isEqualTo(uid);
              assertThat(e.getSource().getComponent()).isEqualTo("gridshift");
              assertThat(e.getMessage()).endsWith("(workflow " + run.getWorkflowId() + ")");
            });
    List<String> expected = new ArrayList<>();
    for (StepStatus s : done.steps()) {
      if (s.state() == StepState.SKIPPED) {
        continue;
      }
      if (s.name().startsWith("gate:")) {
        String gate = s.name().substring("gate:".length());
        if (done.audit().stream()
            .anyMatch(a -> a.action() == AuditEntry.Action.GATE_OPENED && gate.equals(a.gate()))) {
          expected.add("GateOpened gate '" + gate + "'");
        }
        expected.add("GateApproved gate '" + gate + "'");
      } else {
        expected.add("StepStarted step " + s.name());
        expected.add("StepCompleted step " + s.name());
      }
    }
    assertThat(events)
        .extracting(RbacEnforcedEndToEndIT::subject)
        .containsExactlyElementsOf(expected);
    assertThat(events)
        .filteredOn(e -> e.getReason().equals("GateApproved") && e.getMessage().contains("canary"))
        .extracting(Event::getMessage)
        .containsExactly(
            "gate 'canary' approved by "
                + E2eSandbox.APPROVER
                + ": e2e: go (workflow "
                + run.getWorkflowId()
                + ")");
  }

  private void assertEventsOfTheRollback(String name, WorkflowExecution stuck) {
    List<Event> events =
        GridEvents.ofRun(admin, "default", stuck.getWorkflowId(), stuck.getRunId());
    assertThat(events)
        .extracting(Event::getReason)
        .containsSubsequence("GateOpened", "GateRejected", "UpgradeFailed");
    assertThat(events)
        .extracting(RbacEnforcedEndToEndIT::subject)
        .containsSubsequence("StepStarted step rollback", "StepCompleted step rollback");
    assertThat(events)
        .extracting(e -> e.getReason() + " " + e.getMessage())
        .as("none twice")
        .doesNotHaveDuplicates();
    assertThat(events)
        .filteredOn(e -> e.getReason().equals("GateRejected"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getMessage())
                  .startsWith(
                      "gate 'resume-or-rollback' rejected by " + E2eSandbox.APPROVER + ": bad tag");
            });
  }

  /** "StepStarted step plan", "GateOpened gate 'canary'": the reason and what it is about. */
  private static String subject(Event e) {
    String[] words = e.getMessage().split(" ");
    return e.getReason() + " " + words[0] + " " + words[1];
  }

  private static String hazelcast(String namespace, String grid, String version, String extra) {
    return """
        {"kind": "hazelcast", "cluster": {"cluster": "sandbox", "namespace": "%s"},
         "grid": "%s", "targetVersion": "%s", "canary": true, "requestedBy": "e2e"%s}"""
        .formatted(namespace, grid, version, extra);
  }
}
