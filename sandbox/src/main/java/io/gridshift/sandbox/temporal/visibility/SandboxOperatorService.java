package io.gridshift.sandbox.temporal.visibility;

import io.grpc.stub.StreamObserver;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.operatorservice.v1.RemoveSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.RemoveSearchAttributesResponse;
import java.util.Set;

/**
 * The test server's OperatorService with ListSearchAttributes, which it lacks: Add and Remove go to
 * the test server as before, and what it accepts is recorded in {@link SearchAttributeTypes}, from
 * which the list is answered (the test server keeps its own list private).
 */
public final class SandboxOperatorService extends OperatorServiceGrpc.OperatorServiceImplBase {
  /** The methods this service answers in place of (or around) the test server's. */
  public static final Set<String> METHODS =
      Set.of("ListSearchAttributes", "AddSearchAttributes", "RemoveSearchAttributes");

  private final OperatorServiceGrpc.OperatorServiceImplBase testServer;
  private final SearchAttributeTypes attributes;

  public SandboxOperatorService(
      OperatorServiceGrpc.OperatorServiceImplBase testServer, SearchAttributeTypes attributes) {
    this.testServer = testServer;
    this.attributes = attributes;
  }

  @Override
  public void listSearchAttributes(
      ListSearchAttributesRequest request, StreamObserver<ListSearchAttributesResponse> response) {
    response.onNext(
        ListSearchAttributesResponse.newBuilder()
            .putAllSystemAttributes(SearchAttributeTypes.SYSTEM)
            .putAllCustomAttributes(attributes.custom())
            .build());
    response.onCompleted();
  }

  @Override
  public void addSearchAttributes(
      AddSearchAttributesRequest request, StreamObserver<AddSearchAttributesResponse> response) {
    testServer.addSearchAttributes(
        request,
        new Relay<>(response, () -> request.getSearchAttributesMap().forEach(attributes::added)));
  }

  @Override
  public void removeSearchAttributes(
      RemoveSearchAttributesRequest request,
      StreamObserver<RemoveSearchAttributesResponse> response) {
    testServer.removeSearchAttributes(
        request,
        new Relay<>(
            response, () -> request.getSearchAttributesList().forEach(attributes::removed)));
  }

  /** Passes the test server's answer on, recording the change first when it succeeded. */
  private record Relay<T>(StreamObserver<T> to, Runnable onSuccess) implements StreamObserver<T> {
    @Override
    public void onNext(T value) {
      onSuccess.run();
      to.onNext(value);
    }

    @Override
    public void onError(Throwable t) {
      // A batch that failed on an attribute that exists may have added the ones before it; the
      // ones named exist now either way.
      if (io.grpc.Status.fromThrowable(t).getCode() == io.grpc.Status.Code.ALREADY_EXISTS) {
        onSuccess.run();
      }
      to.onError(t);
    }

    @Override
    public void onCompleted() {
      to.onCompleted();
    }
  }
}
