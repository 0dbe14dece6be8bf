package io.gridshift.workflows.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worker's reading of a workflow input written by a person (the Temporal UI): what Temporal
 * reads stays as it was, a missing kind follows from the workflow's type, and anything unreadable
 * is an {@link UnreadableInputException} listing every problem, which fails the workflow as {@code
 * InvalidRequest}.
 */
class RequestPayloadConverterTest {
  private final DataConverter converter = GridKinds.dataConverter();

  private <T> T read(String json, Class<T> type) {
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(json))
            .build();
    return converter.fromPayload(payload, type, type);
  }

  @Test
  void theReadmesExampleWithoutKindIsReadAsTheWorkflowsKind() {
    InfinispanUpgradeRequest r =
        read(
            "{\"cluster\": {\"cluster\": \"prod-eu-1\"}, \"grid\": \"dg\","
                + " \"targetVersion\": \"15.0.21.Final\"}",
            InfinispanUpgradeRequest.class);
    assertThat(r.grid()).isEqualTo("dg");
    assertThat(r.kind()).isEqualTo("infinispan");
    assertThat(read("{\"grid\": \"hz\"}", HazelcastUpgradeRequest.class).grid()).isEqualTo("hz");
  }

  @Test
  void unknownFieldsAreRefusedAsOverRest() {
    // A misspelt "fourEyes" silently dropped would turn four-eyes off.
    assertThatThrownBy(
            () -> read("{\"grid\": \"dg\", \"fourEyse\": true}", InfinispanUpgradeRequest.class))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("unknown field 'fourEyse'; the fields of the request: [");
  }

  @Test
  void wrongTypesAreListedByPathWithUnknownFields() {
    assertThatThrownBy(
            () ->
                read(
                    "{\"grid\": \"dg\", \"port\": \"eleven\", \"fourEyse\": true,"
                        + " \"sync\": {\"threads\": \"many\"}}",
                    InfinispanUpgradeRequest.class))
        .isInstanceOfSatisfying(
            UnreadableInputException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("port: expected a whole number, got \"eleven\""))
                    .anyMatch(p -> p.startsWith("sync.threads: expected a whole number"))
                    .anyMatch(p -> p.startsWith("unknown field 'fourEyse'")))
        .hasMessageContaining("start the workflow again");
  }

  @Test
  void malformedJsonAndOtherKindsAreRefusedWithTheFix() {
    assertThatThrownBy(() -> read("{\"grid\": ", InfinispanUpgradeRequest.class))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("the input is not valid JSON");
    assertThatThrownBy(() -> read("[1, 2]", InfinispanUpgradeRequest.class))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("the input must be a JSON object");
    assertThatThrownBy(
            () ->
                read("{\"kind\": \"hazelcast\", \"grid\": \"hz\"}", InfinispanUpgradeRequest.class))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("is not this workflow's kind 'infinispan'")
        .hasMessageContaining("start workflow type HazelcastUpgrade");
    assertThatThrownBy(() -> read("{\"name\": \"f\", \"stages\": 3}", FleetSpec.class))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("stages: expected a list");
  }

  @Test
  void otherTypesFailAsBefore() {
    assertThatThrownBy(() -> read("{\"x\": ", List.class))
        .isNotInstanceOf(UnreadableInputException.class);
  }

  @Test
  void anUnreadableInputFailsTheWorkflowAsInvalidRequest() {
    Failure failure =
        converter.exceptionToFailure(new UnreadableInputException(List.of("port: no")));
    assertThat(failure.getApplicationFailureInfo().getType())
        .isEqualTo(FailureTypes.INVALID_REQUEST);
    assertThat(failure.getApplicationFailureInfo().getNonRetryable()).isTrue();
    assertThat(failure.getMessage()).contains("port: no");
  }
}
