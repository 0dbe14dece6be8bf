package io.gridshift.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.hazelcast.HazelcastUpgradeWorkflow;
import io.gridshift.workflows.infinispan.InfinispanUpgradeWorkflow;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskQueuesTest {

  @Test
  void queueNamesAreThoseRunningWorkersAndRecordedHistoriesUse() {
    assertThat(TaskQueues.WORKFLOWS).isEqualTo("gridshift-workflows");
    assertThat(TaskQueues.cluster("prod-eu-1")).isEqualTo("gridshift-cluster-prod-eu-1");
    assertThat(new ClusterRef("prod-eu-1", null).taskQueue())
        .isEqualTo(TaskQueues.cluster("prod-eu-1"));
  }

  /** A queue on one kind's interface invites the other kinds to borrow it; there is one, shared. */
  @Test
  void noGridKindDeclaresItsOwnTaskQueue() {
    for (Class<?> kind : List.of(InfinispanUpgradeWorkflow.class, HazelcastUpgradeWorkflow.class)) {
      assertThat(Arrays.stream(kind.getDeclaredFields()).map(Field::getName))
          .as(kind.getSimpleName() + " fields")
          .noneMatch(name -> name.contains("QUEUE"));
    }
  }
}
