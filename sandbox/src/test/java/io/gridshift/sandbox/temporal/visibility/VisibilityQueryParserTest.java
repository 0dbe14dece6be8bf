package io.gridshift.sandbox.temporal.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The visibility query subset, on executions made here: what each form selects and refuses. */
class VisibilityQueryParserTest {
  private static final SearchAttributeTypes TYPES = new SearchAttributeTypes();

  static {
    TYPES.added("GridshiftKind", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    TYPES.added("GridshiftCluster", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
  }

  private static final ExecutionRecord IGNITE =
      record(
          "up-dg-1",
          "InfinispanUpgrade",
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
          "2026-12-01T10:00:00Z",
          null,
          "gridshift-workflows",
          "Infinispan",
          "east");
  private static final ExecutionRecord HAZEL =
      record(
          "up-hz-1",
          "HazelcastUpgrade",
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED,
          "2026-12-02T10:00:00Z",
          "2026-12-02T11:00:00Z",
          "gridshift-workflows",
          "Hazelcast",
          "west");
  private static final ExecutionRecord FLEET =
      record(
          "fleet-7",
          "FleetUpgrade",
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW,
          "2026-12-03T10:00:00Z",
          "2026-12-03T10:05:00Z",
          "other-queue",
          null,
          null);
  private static final List<ExecutionRecord> ALL = List.of(IGNITE, HAZEL, FLEET);

  @Test
  void comparisonsOnSystemAndCustomAttributes() {
    assertThat(select("WorkflowType = 'InfinispanUpgrade'")).containsExactly(IGNITE);
    assertThat(select("WorkflowId != 'up-dg-1'")).containsExactly(FLEET, HAZEL);
    assertThat(select("ExecutionStatus = 'Running'")).containsExactly(IGNITE);
    assertThat(select("ExecutionStatus = \"ContinuedAsNew\"")).containsExactly(FLEET);
    assertThat(select("GridshiftKind = 'Hazelcast'")).containsExactly(HAZEL);
    assertThat(select("TaskQueue = 'other-queue'")).containsExactly(FLEET);
    assertThat(select("`GridshiftCluster` = 'east'")).containsExactly(IGNITE);
    // An execution without the attribute matches != only.
    assertThat(select("GridshiftKind != 'Hazelcast'")).containsExactly(FLEET, IGNITE);
  }

  @Test
  void timesCompareAsInstantsWithAnyOffset() {
    assertThat(select("StartTime >= '2026-12-02T10:00:00Z'")).containsExactly(FLEET, HAZEL);
    assertThat(select("StartTime < '2026-12-02T11:00:00+01:00'")).containsExactly(IGNITE);
    assertThat(select("CloseTime > '2026-12-02T10:30:00Z' AND CloseTime <= '2026-12-03T10:05:00Z'"))
        .containsExactly(FLEET, HAZEL);
    assertThat(select("CloseTime IS NULL")).containsExactly(IGNITE);
    assertThat(select("ExecutionTime BETWEEN '2026-12-01T00:00:00Z' AND '2026-12-02T12:00:00Z'"))
        .containsExactly(HAZEL, IGNITE);
  }

  @Test
  void inStartsWithAndOrWithParentheses() {
    assertThat(select("WorkflowType IN ('InfinispanUpgrade', 'HazelcastUpgrade')"))
        .containsExactly(HAZEL, IGNITE);
    assertThat(select("ExecutionStatus NOT IN ('Running', 'Completed')")).containsExactly(FLEET);
    assertThat(select("WorkflowId STARTS_WITH 'up-'")).containsExactly(HAZEL, IGNITE);
    assertThat(
            select(
                "(GridshiftKind = 'Infinispan' or GridshiftKind = 'Hazelcast') and ExecutionStatus ="
                    + " 'Completed'"))
        .containsExactly(HAZEL);
    // AND binds tighter than OR.
    assertThat(
            select(
                "WorkflowId = 'fleet-7' OR GridshiftKind = 'Hazelcast' AND ExecutionStatus = 'Running'"))
        .containsExactly(FLEET);
  }

  @Test
  void orderByAndTheDefaultNewestFirst() {
    assertThat(select("")).containsExactly(FLEET, HAZEL, IGNITE);
    assertThat(select("ORDER BY StartTime ASC")).containsExactly(IGNITE, HAZEL, FLEET);
    assertThat(select("WorkflowId STARTS_WITH 'up' ORDER BY WorkflowId DESC"))
        .containsExactly(HAZEL, IGNITE);
    // Executions without the attribute come last either way.
    assertThat(select("ORDER BY CloseTime DESC")).containsExactly(FLEET, HAZEL, IGNITE);
  }

  @Test
  void groupByIsKnownOnlyForExecutionStatus() {
    assertThat(
            VisibilityQueryParser.parse("WorkflowType = 'x' GROUP BY ExecutionStatus", TYPES)
                .groupByStatus())
        .isTrue();
    assertThatThrownBy(() -> VisibilityQueryParser.parse("GROUP BY WorkflowType", TYPES))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("only supported for ExecutionStatus");
  }

  @Test
  void badQueriesSayWhatIsWrong() {
    refused("NoSuchThing = 'x'", "column name 'NoSuchThing' is not a valid search attribute");
    refused("WorkflowType = ", "expected a value for WorkflowType");
    refused("WorkflowType 'x'", "expected an operator after WorkflowType");
    refused("(WorkflowType = 'x'", "expected ')'");
    refused("WorkflowType = 'x", "unterminated");
    refused(
        "StartTime > 'yesterday'", "invalid value for search attribute StartTime of type Datetime");
    refused("ExecutionStatus = 'Sleeping'", "invalid ExecutionStatus value 'Sleeping'");
    refused("WorkflowType = 'x' AND", "expected an attribute name");
    refused("WorkflowType = 'x' LIMIT 3", "unexpected 'LIMIT'");
    refused("HistoryLength > 'many'", "of type Int");
  }

  private static void refused(String query, String reason) {
    assertThatThrownBy(() -> VisibilityQueryParser.parse(query, TYPES))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageStartingWith("invalid query: ")
        .hasMessageContaining(reason);
  }

  private static List<ExecutionRecord> select(String query) {
    VisibilityQuery q = VisibilityQueryParser.parse(query, TYPES);
    return ALL.stream().filter(q::matches).sorted(q.order()).toList();
  }

  private static ExecutionRecord record(
      String id,
      String type,
      WorkflowExecutionStatus status,
      String start,
      String close,
      String queue,
      String kind,
      String cluster) {
    WorkflowExecutionInfo.Builder info =
        WorkflowExecutionInfo.newBuilder()
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id).setRunId("run-" + id))
            .setType(WorkflowType.newBuilder().setName(type))
            .setStatus(status)
            .setStartTime(timestamp(start))
            .setTaskQueue(queue);
    if (close != null) {
      info.setCloseTime(timestamp(close));
    }
    SearchAttributes.Builder attributes = SearchAttributes.newBuilder();
    if (kind != null) {
      attributes.putIndexedFields("GridshiftKind", keyword(kind));
    }
    if (cluster != null) {
      attributes.putIndexedFields("GridshiftCluster", keyword(cluster));
    }
    return new ExecutionRecord(info.setSearchAttributes(attributes).build());
  }

  private static Payload keyword(String value) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .putMetadata("type", ByteString.copyFromUtf8("Keyword"))
        .setData(ByteString.copyFromUtf8("\"" + value + "\""))
        .build();
  }

  private static Timestamp timestamp(String text) {
    Instant i = Instant.parse(text);
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }
}
