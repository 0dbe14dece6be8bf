package io.gridshift.workflows.testkind;

import static io.gridshift.workflows.common.UpgradeStep.gate;
import static io.gridshift.workflows.common.UpgradeStep.work;

import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClusterAgents;
import io.gridshift.workflows.common.ClusterStubs;
import io.gridshift.workflows.common.FailureQuestion;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.UpgradeDetails;
import io.gridshift.workflows.common.UpgradeSkeleton;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.UpgradeStep;
import io.gridshift.workflows.common.VisibilityOptions;
import java.util.List;

/**
 * The test kind on the skeleton: its plan reads the grid's rollout through the cluster's agent, a
 * gate, then one step that reads it again.
 */
public class EchoUpgradeWorkflowImpl extends UpgradeSkeleton<EchoUpgradeRequest>
    implements EchoUpgradeWorkflow {
  static final List<String> STEPS = List.of(PLAN, "gate:" + EchoUpgradeRequest.GATE, "echo");

  private KubernetesActivities kube;
  private WorkloadRef workload;
  private Integer planned;
  private Integer echoed;

  public EchoUpgradeWorkflowImpl(VisibilityOptions offered) {
    super(EchoKind.NAME, STEPS, offered);
  }

  @Override
  public UpgradeStatus upgrade(EchoUpgradeRequest request) {
    return run(request);
  }

  @Override
  protected EchoUpgradeRequest plan(EchoUpgradeRequest request) {
    ClusterStubs on = new ClusterStubs(request.cluster());
    KubernetesActivities first = on.firstContact(KubernetesActivities.class);
    kube = on.shortCalls(KubernetesActivities.class);
    workload = new WorkloadRef(request.cluster(), WorkloadKind.STATEFULSET, request.grid());
    planned =
        ClusterAgents.firstCall(request.cluster(), () -> first.rolloutStatus(workload)).replicas();
    planned(summary(request));
    return request;
  }

  private String summary(EchoUpgradeRequest request) {
    return "echo " + request.grid() + " (" + planned + " replicas) to " + request.targetVersion();
  }

  @Override
  protected String planSummary() {
    return summary(request);
  }

  @Override
  protected List<UpgradeStep> steps() {
    return List.of(
        gate(STEPS.get(1), EchoUpgradeRequest.GATE),
        work("echo", () -> echoed = kube.rolloutStatus(workload).replicas()));
  }

  @Override
  protected UpgradeDetails details() {
    return new EchoDetails(planned, echoed);
  }

  @Override
  protected String completed() {
    return "echoed " + request.grid() + ": " + echoed + " replicas";
  }

  @Override
  protected String whereThingsStand() {
    return "The echo kind changes nothing.";
  }

  @Override
  protected FailureQuestion.Gate questionGate() {
    return new FailureQuestion.Gate("retry", GatePolicy.required());
  }
}
