package io.gridshift.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The duplicate rules alone, without a cluster: each rule counts, and its normal case does not. */
class DestructiveActionLedgerTest {
  private final DestructiveActionLedger ledger = new DestructiveActionLedger();

  private static DestructiveAction action(String verb, String kind, String name, String detail) {
    return new DestructiveAction(Instant.now(), verb, kind, "ns", name, detail);
  }

  private void delete(String kind, String name) {
    ledger.deleted(action(DestructiveAction.DELETE, kind, name, ""));
  }

  private void podDeleted(String name, String uid) {
    ledger.podDeleted(action(DestructiveAction.DELETE, "Pod", name, ""), uid, "ns/dg");
  }

  private void switched(String selector) {
    ledger.selectorSwitched(action(DestructiveAction.SWITCH_SELECTOR, "Service", "svc", selector));
  }

  private void lowered(int to) {
    ledger.partitionLowered(
        action(DestructiveAction.LOWER_PARTITION, "StatefulSet", "dg", Integer.toString(to)));
  }

  @Test
  void anObjectDeletedTwiceIsADuplicate() {
    delete("ConfigMap", "a");
    delete("ConfigMap", "b");
    delete("StatefulSet", "a");
    assertThat(ledger.duplicates()).isEmpty();
    delete("ConfigMap", "a");
    assertThat(ledger.duplicates()).containsExactly("ConfigMap ns/a deleted 2nd time");
    assertThat(ledger.counts()).containsEntry("delete ConfigMap", 3);
  }

  @Test
  void aPodNameDeletedTwiceInOneRolloutIsADuplicateButNotAcrossRollouts() {
    ledger.templateSeen("ns/dg", "v1");
    podDeleted("dg-1", "u1");
    podDeleted("dg-1", "u1"); // the same pod seen terminating, then gone: one deletion
    podDeleted("dg-0", "u2");
    ledger.templateSeen("ns/dg", "v2"); // roll to v2
    podDeleted("dg-1", "u3");
    podDeleted("dg-0", "u4");
    ledger.templateSeen("ns/dg", "v1"); // rollback: the same template as before, a new rollout
    podDeleted("dg-1", "u5");
    assertThat(ledger.duplicates()).isEmpty();
    assertThat(ledger.counts()).containsEntry("delete Pod", 5);

    podDeleted("dg-1", "u6"); // again within the rollback
    assertThat(ledger.duplicates())
        .singleElement()
        .asString()
        .contains("Pod ns/dg-1 deleted again (uid u6)");
  }

  @Test
  void aSelectorSwitchedBackIsACompensationButTheSameSwitchTwiceIsADuplicate() {
    switched("app=b");
    switched("app=a");
    assertThat(ledger.duplicates()).isEmpty();
    switched("app=b");
    assertThat(ledger.duplicates())
        .containsExactly("Service ns/svc switched to selector app=b a 2nd time");
  }

  @Test
  void aPartitionLoweredToTheSameValueTwiceInOneTemplateIsADuplicate() {
    ledger.templateSeen("ns/dg", "v2");
    lowered(2);
    lowered(1);
    lowered(0);
    ledger.templateSeen("ns/dg", "v1"); // rollback rolls again
    lowered(2);
    assertThat(ledger.duplicates()).isEmpty();
    lowered(2);
    assertThat(ledger.duplicates()).hasSize(1);
    assertThat(ledger.duplicates().get(0)).contains("partition lowered to 2 a 2nd time");
    assertThat(ledger.counts()).containsEntry("lower-partition StatefulSet", 5);
  }
}
