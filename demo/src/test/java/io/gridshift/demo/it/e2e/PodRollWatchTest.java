package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The watch the CONFIG-mode end-to-end test relies on, on the fabric8 mock: it must see a
 * replacement for what it is, and two pods down at once when that happens, or the end-to-end
 * assertions could not fail.
 */
@EnableKubernetesMockClient(crud = true)
class PodRollWatchTest {
  static KubernetesClient client;

  @Test
  void seesReplacementsInOrderAndTwoPodsDownAtOnce() throws Exception {
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      put(pod(ordinal, "old-" + ordinal, true));
    }
    try (PodRollWatch watch = new PodRollWatch(client, "test", "sts", 3)) {
      settle();
      long whole = watch.firstWholeMs();
      assertThat(whole).isPositive();

      // sts-2 replaced, the clean way: one pod down at a time.
      client.pods().inNamespace("test").withName("sts-2").delete();
      settle();
      put(pod(2, "new-2", false));
      settle();
      put(pod(2, "new-2", true));
      settle();
      long oneAtATime = System.currentTimeMillis();
      assertThat(watch.maxNotReady(whole, oneAtATime)).isEqualTo(1);

      // sts-1 and sts-0 both not Ready for a moment.
      put(pod(1, "old-1", false));
      put(pod(0, "old-0", false));
      settle();
      put(pod(1, "old-1", true));
      put(pod(0, "old-0", true));
      settle();

      assertThat(watch.maxNotReady(whole, System.currentTimeMillis())).isEqualTo(2);
      assertThat(watch.replacements())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.ordinal()).isEqualTo(2);
                assertThat(r.oldUid()).isNotEqualTo(r.newUid());
                assertThat(r.newUid())
                    .isEqualTo(
                        client
                            .pods()
                            .inNamespace("test")
                            .withName("sts-2")
                            .get()
                            .getMetadata()
                            .getUid());
                assertThat(r.oldDownMs()).isLessThanOrEqualTo(r.newSeenMs());
                assertThat(r.newReadyMs()).isGreaterThanOrEqualTo(r.newSeenMs() - 1000);
              });
      assertThat(watch.longestGap(whole, System.currentTimeMillis()))
          .isLessThan(Duration.ofSeconds(1));
      assertThat(watch.timeline())
          .contains("sts-2 absent")
          .containsPattern("sts-0 uid \\S+ not Ready");
    }
  }

  private static void settle() throws InterruptedException {
    Thread.sleep(4 * PodRollWatch.POLL_MS);
  }

  /** Creates or replaces the pod, status included. */
  private static void put(Pod pod) {
    Pod current = client.pods().inNamespace("test").withName(pod.getMetadata().getName()).get();
    if (current == null) {
      current = client.pods().inNamespace("test").resource(pod).create();
    }
    pod.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
    client.pods().inNamespace("test").resource(pod).updateStatus();
  }

  private static Pod pod(int ordinal, String uid, boolean ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("sts-" + ordinal)
        .withNamespace("test")
        .withUid(uid)
        .withCreationTimestamp(Instant.now().toString())
        .addNewOwnerReference()
        .withKind("StatefulSet")
        .withName("sts")
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .withLastTransitionTime(Instant.now().toString())
        .endCondition()
        .endStatus()
        .build();
  }
}
