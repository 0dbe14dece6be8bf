package io.gridshift.starter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridshift.starter.FleetService;
import io.gridshift.starter.Json;
import io.gridshift.starter.Planned;
import io.gridshift.starter.TemporalProbe;
import io.gridshift.starter.UpgradeException;
import io.gridshift.starter.UpgradeFilter;
import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.UpgradeSummary;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.Causes;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.InvalidRequestException;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.request.UpgradeRequest;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Talks to Temporal directly through {@link UpgradeService}. There is no authentication here: the
 * identity recorded in the audit log is the one given ({@code --by}, else {@code $USER}).
 */
final class DirectClient implements UpgradeClient {
  /** A dry run waits for the plan, which inspects the cluster through a worker. */
  private static final Duration DRY_RUN_TIMEOUT = Duration.ofMinutes(3);

  private final UpgradeService service;
  private final FleetService fleetService;
  private final String identity;
  private final String target;
  private final WorkflowServiceStubs stubs;

  DirectClient(WorkflowClient client, String identity, String target) {
    this(client, identity, target, null);
  }

  private DirectClient(
      WorkflowClient client, String identity, String target, WorkflowServiceStubs stubs) {
    this.service = new UpgradeService(client);
    this.fleetService = new FleetService(client);
    this.identity = identity;
    this.target = target;
    this.stubs = stubs;
  }

  /**
   * Connects to the Temporal frontend at {@code target} (HOST:PORT) and checks, within {@link
   * TemporalProbe#DEADLINE}, that it answers: when it does not, the command fails at once saying so
   * instead of waiting out the client's retries.
   */
  static DirectClient connect(TemporalAccess access, String identity) {
    String target = access.target();
    WorkflowServiceStubs stubs = TemporalClients.stubs(access);
    TemporalProbe.Answer answer = new TemporalProbe(stubs).ask();
    if (!answer.answered()) {
      stubs.shutdownNow();
      throw unreachable(target, answer.problem());
    }
    WorkflowClient client = TemporalClients.client(stubs, access, null);
    return new DirectClient(client, identity, target, stubs);
  }

  @Override
  public Started start(String requestJson, boolean dryRun) {
    UpgradeRequest parsed = call(() -> UpgradeRequests.parse(withRequester(requestJson), dryRun));
    if (parsed.dryRun()) {
      Planned planned = call(() -> service.plan(parsed, DRY_RUN_TIMEOUT));
      return new Started(planned.workflowId(), null, planned.status(), planned.problems());
    }
    return Started.upgrade(call(() -> service.start(parsed).getWorkflowId()), null);
  }

  @Override
  public UpgradeStatus status(String workflowId) {
    return call(() -> service.status(workflowId));
  }

  @Override
  public List<UpgradeSummary> list(UpgradeFilter filter) {
    List<String> problems = filter.problems();
    if (!problems.isEmpty()) {
      throw new CliException(ExitCodes.USAGE, "cannot list upgrades:", problems);
    }
    return call(() -> service.list(filter));
  }

  @Override
  public AuditEntry decide(String workflowId, String gate, boolean approve, String comment) {
    GateDecision decision = new GateDecision(gate, identity, comment);
    return call(
        () ->
            approve ? service.approve(workflowId, decision) : service.reject(workflowId, decision));
  }

  @Override
  public AuditEntry control(String workflowId, String action, String comment) {
    return call(() -> service.control(workflowId, action, new OperatorAction(identity, comment)));
  }

  @Override
  public FleetClient fleets() {
    return new DirectFleetClient(fleetService, identity, target);
  }

  @Override
  public void close() {
    if (stubs != null) {
      stubs.shutdownNow();
    }
  }

  /**
   * The request with {@code requestedBy} set to this identity when the file leaves it out, so the
   * audit log and four-eyes know who asked.
   */
  private String withRequester(String requestJson) {
    try {
      JsonNode node = Json.mapper().readTree(requestJson);
      if (node instanceof ObjectNode object && !object.hasNonNull("requestedBy")) {
        object.put("requestedBy", identity);
        return Json.mapper().writeValueAsString(object);
      }
    } catch (JsonProcessingException e) {
      // Left as is: UpgradeRequests.parse reports malformed JSON with the parser's message.
    }
    return requestJson;
  }

  private <T> T call(Supplier<T> action) {
    return call(target, action);
  }

  /**
   * Runs {@code action} against Temporal at {@code target}, turning every front-door error into a
   * {@link CliException} with its exit code (the fleet commands share it).
   */
  static <T> T call(String target, Supplier<T> action) {
    try {
      return action.get();
    } catch (InvalidRequestException e) {
      throw new CliException(ExitCodes.INVALID, "invalid request:", e.problems());
    } catch (UpgradeException e) {
      int code =
          switch (e.reason()) {
            case NOT_FOUND -> ExitCodes.NOT_FOUND;
            case CONFLICT -> ExitCodes.CONFLICT;
            case INVALID -> ExitCodes.INVALID;
            case FORBIDDEN -> ExitCodes.DENIED;
            default -> ExitCodes.FAILED;
          };
      throw new CliException(code, e.getMessage());
    } catch (StatusRuntimeException e) {
      throw unreachable(target, e.getStatus().getCode().toString());
    } catch (WorkflowException e) {
      // The client wraps the gRPC failure of a call (Temporal went away during the command).
      if (e.getCause() instanceof StatusRuntimeException grpc) {
        throw unreachable(target, grpc.getStatus().getCode().toString());
      }
      throw new CliException(
          ExitCodes.FAILED,
          "Temporal at " + target + " could not complete the call: " + Causes.rootMessage(e));
    }
  }

  private static CliException unreachable(String target, String problem) {
    return new CliException(
        ExitCodes.FAILED,
        "cannot reach Temporal at "
            + target
            + " ("
            + problem
            + "); start it, or pass --temporal HOST:PORT (or --server URL for the REST service)");
  }
}
