package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.gridshift.workflows.common.ActivityOptionsProfiles;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.gridshift.workflows.testing.FakeKubernetesEvents;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker killed and restarted within 20 s never trips {@link
 * ActivityOptionsProfiles#AGENT_RETURN}: the call it did not finish is retried once the agent is
 * back, and the upgrade completes unattended. With the production options (real time: the test
 * server does not skip time while an activity waits in its queue).
 */
class AgentRestartTest extends WorkflowTestSupport {
  static final ClusterRef FLAKY = new ClusterRef("flaky", "apps");

  private final AtomicBoolean killed = new AtomicBoolean();
  private WorkerFactory agent;

  @AfterEach
  void stopAgent() {
    if (agent != null) {
      agent.shutdownNow();
    }
  }

  @Test
  void anAgentRestartedWithinTwentySecondsIsWaitedForAndTheUpgradeCompletes() {
    doAnswer(i -> dieOnce()).when(data).connectSource(any());
    startAgent();
    InfinispanUpgradeWorkflow stub = start(flaky());
    awaitDeath(agent);

    env.sleep(Duration.ofSeconds(20));
    startAgent();
    UpgradeStatus done = result(stub);

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(done.audit()).noneMatch(e -> Gatekeeper.RETRY_GATE.equals(e.gate()));
  }

  /** An upgrade of grid dg in cluster {@code flaky}, every gate automatic. */
  static InfinispanUpgradeRequest flaky() {
    Requests request = Requests.upgrade().allGatesAuto();
    request.cluster = FLAKY;
    return request.build();
  }

  private void startAgent() {
    agent = WorkerFactory.newInstance(client);
    agent
        .newWorker(FLAKY.taskQueue())
        .registerActivitiesImplementations(deploy, data, kube, new FakeKubernetesEvents());
    agent.start();
  }

  /** The first time: this call succeeds, and the agent is gone before the next call. */
  private Object dieOnce() throws InterruptedException {
    return AgentRestartTest.dieOnce(killed, agent);
  }

  /**
   * The agent stops polling (a graceful shutdown: this call still reports its result) and is gone
   * before the workflow schedules its next call. The test server sets a schedule-to-start timer on
   * an activity's first attempt only, so the agent must be gone between calls, not during one (a
   * death during a call is a heartbeat or start-to-close timeout: {@code RetryBudgetTest}).
   */
  static Object dieOnce(AtomicBoolean killed, WorkerFactory agent) throws InterruptedException {
    if (killed.compareAndSet(false, true)) {
      new Thread(agent::shutdown, "agent-stopper").start();
      Thread.sleep(1000); // its pollers stop; this call's result is still reported
    }
    return null;
  }

  static void awaitDeath(WorkerFactory agent) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!agent.isTerminated()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the agent was not killed");
      }
      agent.awaitTermination(100, TimeUnit.MILLISECONDS);
    }
  }
}
