package io.gridshift.sandbox.temporal.ui;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.temporal.api.errordetails.v1.MessageProto;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's HTTP API ({@code /api/v1/...}) over the sandbox's own gRPC frontend, as the UI server
 * serves it with grpc-gateway:
 *
 * <ol>
 *   <li>find the route ({@link HttpRoutes}) for the verb and path; none: 404 (405 when the path
 *       exists with another verb), as JSON {@code {code, message}};
 *   <li>build the request ({@link ApiRequests}); a bad body or value: 400, nothing called;
 *   <li>call the method with a deadline; a history long poll ({@code waitNewEvent}) is cut at
 *       {@link #LONG_POLL} and answered with no new events and the same page token, as the real
 *       server's long poll expires, so it never holds a thread for longer. A first page (no token)
 *       that the test server answers with no events (it does for a closed workflow) is asked again
 *       without waiting: the real server answers a first page with the history there is, and the UI
 *       opens a closed workflow's page that way;
 *   <li>answer the response in protobuf's JSON mapping (lowerCamelCase names, defaults left out,
 *       64-bit integers as strings, bytes as base64, as protojson writes them; but a history always
 *       has its {@code events} list, which the UI reads without a check), or the gRPC error as
 *       {@code {code, message, details}} with grpc-gateway's HTTP status for its code.
 * </ol>
 */
final class ApiGateway {
  /** How long a history long poll waits for a new event: the real server's long-poll expiry. */
  static final Duration LONG_POLL = Duration.ofSeconds(20);

  private static final long CALL_SECONDS = 30;
  private static final Logger log = LoggerFactory.getLogger(ApiGateway.class);

  private final Channel frontend;
  private final HttpRoutes routes = HttpRoutes.temporal();
  private final JsonFormat.Printer printer;
  private final Duration longPoll;

  ApiGateway(Channel frontend, Duration longPoll) {
    this.frontend = frontend;
    this.longPoll = longPoll;
    JsonFormat.TypeRegistry registry =
        JsonFormat.TypeRegistry.newBuilder()
            .add(MessageProto.getDescriptor().getMessageTypes())
            .build();
    this.printer =
        JsonFormat.printer()
            .usingTypeRegistry(registry)
            .includingDefaultValueFields(
                Set.of(History.getDescriptor().findFieldByNumber(History.EVENTS_FIELD_NUMBER)));
  }

  /** Answers {@code verb path?query} with {@code body}; {@code path}: the decoded segments. */
  HttpAnswer handle(String verb, List<String> path, String rawQuery, byte[] body) {
    Optional<HttpRoutes.Match> match = routes.find(verb, path);
    if (match.isEmpty()) {
      return routes.pathExists(path)
          ? error(405, Status.Code.UNIMPLEMENTED.value(), "Method Not Allowed")
          : error(404, Status.Code.NOT_FOUND.value(), "Not Found");
    }
    Message request;
    try {
      request = ApiRequests.build(match.get(), rawQuery, body);
    } catch (IllegalArgumentException e) {
      return error(400, Status.Code.INVALID_ARGUMENT.value(), e.getMessage());
    }
    HttpRoute route = match.get().route();
    boolean longPoll = isLongPoll(request);
    try {
      Message response = call(route, request, longPoll);
      if (longPoll && isEmptyFirstPage(request, response)) {
        response =
            call(
                route,
                ((GetWorkflowExecutionHistoryRequest) request)
                    .toBuilder().setWaitNewEvent(false).build(),
                false);
      }
      return HttpAnswer.json(200, printer.print(response));
    } catch (StatusRuntimeException e) {
      if (longPoll && e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        return HttpAnswer.json(200, noNewEvents(request));
      }
      return grpcError(e);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      log.warn("cannot write {} as JSON", route.method().getFullMethodName(), e);
      return error(500, Status.Code.INTERNAL.value(), "failed to marshal the response: " + e);
    }
  }

  int routeCount() {
    return routes.size();
  }

  private Message call(HttpRoute route, Message request, boolean longPoll) {
    return ClientCalls.blockingUnaryCall(
        frontend,
        route.method(),
        CallOptions.DEFAULT.withDeadlineAfter(
            longPoll ? this.longPoll.toMillis() : CALL_SECONDS * 1000, TimeUnit.MILLISECONDS),
        request);
  }

  private static boolean isEmptyFirstPage(Message request, Message response) {
    return ((GetWorkflowExecutionHistoryRequest) request).getNextPageToken().isEmpty()
        && response instanceof GetWorkflowExecutionHistoryResponse h
        && h.getHistory().getEventsCount() == 0;
  }

  private static boolean isLongPoll(Message request) {
    return request instanceof GetWorkflowExecutionHistoryRequest h && h.getWaitNewEvent();
  }

  private String noNewEvents(Message request) {
    GetWorkflowExecutionHistoryRequest h = (GetWorkflowExecutionHistoryRequest) request;
    try {
      return printer.print(
          GetWorkflowExecutionHistoryResponse.newBuilder()
              .setHistory(History.getDefaultInstance())
              .setNextPageToken(h.getNextPageToken())
              .build());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpAnswer grpcError(StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      status =
          com.google.rpc.Status.newBuilder()
              .setCode(code.value())
              .setMessage(
                  e.getStatus().getDescription() == null
                      ? code.name()
                      : e.getStatus().getDescription())
              .build();
    }
    try {
      return HttpAnswer.json(httpStatus(code), printer.print(status));
    } catch (com.google.protobuf.InvalidProtocolBufferException unknownDetail) {
      // A detail of a type this build does not know: the code and message still tell the UI.
      return error(httpStatus(code), status.getCode(), status.getMessage());
    }
  }

  private HttpAnswer error(int http, int code, String message) {
    try {
      return HttpAnswer.json(
          http,
          printer.print(
              com.google.rpc.Status.newBuilder().setCode(code).setMessage(message).build()));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /** grpc-gateway's HTTPStatusFromCode. */
  static int httpStatus(Status.Code code) {
    return switch (code) {
      case OK -> 200;
      case CANCELLED -> 499;
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
      case DEADLINE_EXCEEDED -> 504;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, ABORTED -> 409;
      case PERMISSION_DENIED -> 403;
      case UNAUTHENTICATED -> 401;
      case RESOURCE_EXHAUSTED -> 429;
      case UNIMPLEMENTED -> 501;
      case UNAVAILABLE -> 503;
      default -> 500;
    };
  }
}
