package io.gridshift.demo.chaos;

import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.workflows.common.UpgradeStatus;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The no-hang figure: an upgrade of a cluster whose agent is gone (nobody polls its task queue)
 * must fail clearly, naming the queue, within a minute. Measured from the request to the end.
 *
 * @param seconds from the request to the upgrade's end
 * @param phase its final phase
 * @param message its final message (names the task queue)
 */
record AgentGone(double seconds, String phase, String message) {
  static final String CLUSTER = "gone";

  static AgentGone measure(ChaosLane lane) throws TimeoutException, InterruptedException {
    UpgradeService service = new UpgradeService(lane.client());
    String request =
        """
        {"kind": "infinispan",
         "cluster": {"cluster": "%s", "namespace": "default"},
         "grid": "dg",
         "targetVersion": "15.0.21.Final",
         "requestedBy": "%s"}"""
            .formatted(CLUSTER, ChaosDriver.REQUESTER);
    long started = System.nanoTime();
    String id = service.start(UpgradeRequests.parse(request, false)).getWorkflowId();
    UpgradeStatus status = service.awaitCompletion(id, Duration.ofMinutes(5));
    double seconds = Math.round((System.nanoTime() - started) / 1e8) / 10.0;
    return new AgentGone(seconds, status.phase().name(), status.message());
  }
}
