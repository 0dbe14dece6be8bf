package io.gridshift.starter.server;

import com.codahale.metrics.annotation.Timed;
import io.dropwizard.auth.Auth;
import io.gridshift.starter.FleetService;
import io.gridshift.starter.server.auth.GridshiftUser;
import io.gridshift.starter.server.auth.Roles;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.GridAction;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/fleets/{id}}: one fleet run's status, its gate decisions (approver), pause, resume,
 * abort, and skip or retry of one grid (requester). The identity recorded is always the
 * authenticated caller; refusals carry the fleet workflow's reason (409, 403 for four-eyes).
 */
@Path("/api/fleets/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class FleetResource {
  private static final Logger log = LoggerFactory.getLogger(FleetResource.class);

  private final FleetService service;
  private final GateDecisions decisions;

  public FleetResource(FleetService service) {
    this(service, GateDecisions.UNSIGNED);
  }

  /**
   * Gate decisions are built (and signed, when the server signs approvals) by {@code decisions}.
   */
  public FleetResource(FleetService service, GateDecisions decisions) {
    this.service = service;
    this.decisions = decisions;
  }

  /** Stages, grids, budget, agents, open gate, audit. 404 for an unknown id. */
  @GET
  @Timed
  @PermitAll
  public FleetStatus status(@PathParam("id") String id) {
    return service.status(id);
  }

  /** Approves the open fleet gate; 409 when it is not open, 403 when four-eyes refuses. */
  @POST
  @Path("gates/{gate}/approve")
  @Timed
  @RolesAllowed(Roles.APPROVER)
  public AuditEntry approve(
      @Auth GridshiftUser caller,
      @PathParam("id") String id,
      @PathParam("gate") String gate,
      CommentBody body) {
    log.info("{} approves gate {} of fleet {}", caller.getName(), gate, id);
    return service.approve(id, decisions.of(caller, id, gate, true, body));
  }

  /** Rejects the open fleet gate; 409 when it is not open. */
  @POST
  @Path("gates/{gate}/reject")
  @Timed
  @RolesAllowed(Roles.APPROVER)
  public AuditEntry reject(
      @Auth GridshiftUser caller,
      @PathParam("id") String id,
      @PathParam("gate") String gate,
      CommentBody body) {
    log.info("{} rejects gate {} of fleet {}", caller.getName(), gate, id);
    return service.reject(id, decisions.of(caller, id, gate, false, body));
  }

  /** No new grid starts until resumed; running ones go on. 409 when already paused. */
  @POST
  @Path("pause")
  @Timed
  @RolesAllowed(Roles.REQUESTER)
  public AuditEntry pause(
      @Auth GridshiftUser caller, @PathParam("id") String id, CommentBody body) {
    return control(caller, id, "pause", body);
  }

  /** Resumes a paused fleet; 409 when not paused. */
  @POST
  @Path("resume")
  @Timed
  @RolesAllowed(Roles.REQUESTER)
  public AuditEntry resume(
      @Auth GridshiftUser caller, @PathParam("id") String id, CommentBody body) {
    return control(caller, id, "resume", body);
  }

  /** Aborts the fleet: nothing new starts, running grids are asked to abort. */
  @POST
  @Path("abort")
  @Timed
  @RolesAllowed(Roles.REQUESTER)
  public AuditEntry abort(
      @Auth GridshiftUser caller, @PathParam("id") String id, CommentBody body) {
    return control(caller, id, "abort", body);
  }

  /** Skips a grid that has not started (or failed, or is unreachable); 409 when it cannot be. */
  @POST
  @Path("grids/{cluster}/{namespace}/{name}/skip")
  @Timed
  @RolesAllowed(Roles.REQUESTER)
  public AuditEntry skip(
      @Auth GridshiftUser caller,
      @PathParam("id") String id,
      @PathParam("cluster") String cluster,
      @PathParam("namespace") String namespace,
      @PathParam("name") String name,
      CommentBody body) {
    return grid(caller, id, "skip", cluster + "/" + namespace + "/" + name, body);
  }

  /** Queues a failed, skipped or unreachable grid again; 409 when it cannot be. */
  @POST
  @Path("grids/{cluster}/{namespace}/{name}/retry")
  @Timed
  @RolesAllowed(Roles.REQUESTER)
  public AuditEntry retry(
      @Auth GridshiftUser caller,
      @PathParam("id") String id,
      @PathParam("cluster") String cluster,
      @PathParam("namespace") String namespace,
      @PathParam("name") String name,
      CommentBody body) {
    return grid(caller, id, "retry", cluster + "/" + namespace + "/" + name, body);
  }

  private AuditEntry control(GridshiftUser caller, String id, String action, CommentBody body) {
    log.info("{} asks to {} fleet {}", caller.getName(), action, id);
    return service.control(id, action, new OperatorAction(caller.getName(), CommentBody.of(body)));
  }

  private AuditEntry grid(
      GridshiftUser caller, String id, String action, String grid, CommentBody body) {
    log.info("{} asks to {} grid {} of fleet {}", caller.getName(), action, grid, id);
    return service.grid(id, action, new GridAction(grid, caller.getName(), CommentBody.of(body)));
  }
}
