package io.gridshift.sandbox.temporal.visibility;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetClusterInfoRequest;
import io.temporal.api.workflowservice.v1.GetClusterInfoResponse;
import io.temporal.api.workflowservice.v1.GetSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.GetSearchAttributesResponse;
import io.temporal.api.workflowservice.v1.ListNamespacesRequest;
import io.temporal.api.workflowservice.v1.ListNamespacesResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ScanWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ScanWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The visibility calls the Java test server answers UNIMPLEMENTED, answered by the sandbox from
 * what the test server does have ({@link ExecutionCatalog}): List, Scan and Count (with {@code
 * GROUP BY ExecutionStatus}) workflow executions with a visibility query ({@link
 * VisibilityQueryParser}), GetSearchAttributes, ListNamespaces (the one namespace the sandbox uses,
 * as the test server describes it) and GetClusterInfo (which the Temporal UI reads first).
 *
 * <p>Pages: the next-page token is the offset of the next execution in the query's order; a listing
 * is computed afresh for every page, so executions started in between may shift a page.
 */
public final class VisibilityService extends WorkflowServiceGrpc.WorkflowServiceImplBase {
  /** The methods this service answers in place of the test server's. */
  public static final Set<String> METHODS =
      Set.of(
          "ListWorkflowExecutions",
          "ScanWorkflowExecutions",
          "CountWorkflowExecutions",
          "GetSearchAttributes",
          "ListNamespaces",
          "GetClusterInfo");

  /** What GetClusterInfo reports: a server recent enough for the UI's features in use. */
  static final String SERVER_VERSION = "1.29.0";

  private static final int DEFAULT_PAGE_SIZE = 1000;
  private static final String DEFAULT_NAMESPACE = "default";

  private final SearchAttributeTypes attributes;
  private volatile ExecutionCatalog catalog;
  private volatile WorkflowServiceGrpc.WorkflowServiceBlockingStub testServer;

  public VisibilityService(SearchAttributeTypes attributes) {
    this.attributes = attributes;
  }

  /** Starts answering, reaching the test server through {@code channel} (after it listens). */
  public void connect(ManagedChannel channel) {
    this.testServer = WorkflowServiceGrpc.newBlockingStub(channel);
    this.catalog = new ExecutionCatalog(testServer);
  }

  @Override
  public void listWorkflowExecutions(
      ListWorkflowExecutionsRequest request,
      StreamObserver<ListWorkflowExecutionsResponse> response) {
    answer(
        response,
        () -> {
          Page page =
              page(
                  request.getNamespace(),
                  request.getQuery(),
                  request.getPageSize(),
                  request.getNextPageToken());
          return ListWorkflowExecutionsResponse.newBuilder()
              .addAllExecutions(page.executions())
              .setNextPageToken(page.nextToken())
              .build();
        });
  }

  @Override
  public void scanWorkflowExecutions(
      ScanWorkflowExecutionsRequest request,
      StreamObserver<ScanWorkflowExecutionsResponse> response) {
    answer(
        response,
        () -> {
          Page page =
              page(
                  request.getNamespace(),
                  request.getQuery(),
                  request.getPageSize(),
                  request.getNextPageToken());
          return ScanWorkflowExecutionsResponse.newBuilder()
              .addAllExecutions(page.executions())
              .setNextPageToken(page.nextToken())
              .build();
        });
  }

  @Override
  public void countWorkflowExecutions(
      CountWorkflowExecutionsRequest request,
      StreamObserver<CountWorkflowExecutionsResponse> response) {
    answer(
        response,
        () -> {
          VisibilityQuery query = VisibilityQueryParser.parse(request.getQuery(), attributes);
          List<ExecutionRecord> selected =
              catalog().all(request.getNamespace()).stream().filter(query::matches).toList();
          CountWorkflowExecutionsResponse.Builder b =
              CountWorkflowExecutionsResponse.newBuilder().setCount(selected.size());
          if (query.groupByStatus()) {
            Map<String, Long> groups = new LinkedHashMap<>();
            selected.forEach(
                r -> groups.merge(ExecutionRecord.statusName(r.info().getStatus()), 1L, Long::sum));
            groups.forEach(
                (status, count) ->
                    b.addGroupsBuilder().addGroupValues(keyword(status)).setCount(count));
          }
          return b.build();
        });
  }

  @Override
  public void getSearchAttributes(
      GetSearchAttributesRequest request, StreamObserver<GetSearchAttributesResponse> response) {
    answer(
        response,
        () -> GetSearchAttributesResponse.newBuilder().putAllKeys(attributes.all()).build());
  }

  @Override
  public void listNamespaces(
      ListNamespacesRequest request, StreamObserver<ListNamespacesResponse> response) {
    answer(
        response,
        () ->
            ListNamespacesResponse.newBuilder()
                .addNamespaces(
                    connected()
                        .describeNamespace(
                            DescribeNamespaceRequest.newBuilder()
                                .setNamespace(DEFAULT_NAMESPACE)
                                .build()))
                .build());
  }

  @Override
  public void getClusterInfo(
      GetClusterInfoRequest request, StreamObserver<GetClusterInfoResponse> response) {
    // "elasticsearch" in the visibility store's name is what tells the UI that ORDER BY and the
    // advanced filters work; the sandbox's visibility answers them.
    answer(
        response,
        () ->
            GetClusterInfoResponse.newBuilder()
                .setClusterName("gridshift-sandbox")
                .setClusterId("gridshift-sandbox")
                .setServerVersion(SERVER_VERSION)
                .setPersistenceStore("memory (Java test server)")
                .setVisibilityStore("sandbox (elasticsearch-compatible queries)")
                .setHistoryShardCount(1)
                .build());
  }

  private record Page(
      List<io.temporal.api.workflow.v1.WorkflowExecutionInfo> executions, ByteString nextToken) {}

  private Page page(String namespace, String queryText, int pageSize, ByteString token) {
    VisibilityQuery query = VisibilityQueryParser.parse(queryText, attributes);
    List<ExecutionRecord> selected =
        catalog().all(namespace).stream().filter(query::matches).sorted(query.order()).toList();
    int from = offset(token);
    int size = pageSize > 0 ? pageSize : DEFAULT_PAGE_SIZE;
    int to = Math.min(selected.size(), from + size);
    List<io.temporal.api.workflow.v1.WorkflowExecutionInfo> executions =
        selected.subList(Math.min(from, to), to).stream().map(ExecutionRecord::info).toList();
    ByteString next =
        to < selected.size()
            ? ByteString.copyFrom(Integer.toString(to), StandardCharsets.UTF_8)
            : ByteString.EMPTY;
    return new Page(executions, next);
  }

  private static int offset(ByteString token) {
    if (token.isEmpty()) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(token.toStringUtf8());
      if (offset < 0) {
        throw new NumberFormatException();
      }
      return offset;
    } catch (NumberFormatException e) {
      throw new InvalidQueryException(
          "invalid next page token: pass the one the last page returned");
    }
  }

  /** A Keyword value as the server encodes one in a payload (json/plain, type Keyword). */
  private static Payload keyword(String value) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .putMetadata(
            "type",
            ByteString.copyFromUtf8(
                QueryValues.typeName(IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)))
        .setData(ByteString.copyFromUtf8("\"" + value + "\""))
        .build();
  }

  private ExecutionCatalog catalog() {
    connected();
    return catalog;
  }

  private WorkflowServiceGrpc.WorkflowServiceBlockingStub connected() {
    if (testServer == null) {
      throw Status.UNAVAILABLE
          .withDescription("sandbox visibility is starting")
          .asRuntimeException();
    }
    return testServer;
  }

  private static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } catch (InvalidQueryException e) {
      response.onError(
          Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    } catch (StatusRuntimeException e) {
      response.onError(e);
      return;
    } catch (RuntimeException e) {
      response.onError(
          Status.INTERNAL.withDescription(e.toString()).withCause(e).asRuntimeException());
      return;
    }
    response.onNext(result);
    response.onCompleted();
  }
}
