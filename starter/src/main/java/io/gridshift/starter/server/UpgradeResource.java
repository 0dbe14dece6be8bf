package io.gridshift.starter.server;

import com.codahale.metrics.annotation.Timed;
import io.dropwizard.auth.Auth;
import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.server.auth.GridshiftUser;
import io.gridshift.starter.server.auth.Roles;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.UpgradeStatus;
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
 * {@code /api/upgrades/{id}}: one upgrade's status, gate decisions, pause, resume, abort. The
 * identity recorded is always the authenticated caller.
 */
@Path("/api/upgrades/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class UpgradeResource {
  private static final Logger log = LoggerFactory.getLogger(UpgradeResource.class);

  private final UpgradeService service;
  private final GateDecisions decisions;

  public UpgradeResource(UpgradeService service) {
    this(service, GateDecisions.UNSIGNED);
  }

  /**
   * Gate decisions are built (and signed, when the server signs approvals) by {@code decisions}.
   */
  public UpgradeResource(UpgradeService service, GateDecisions decisions) {
    this.service = service;
    this.decisions = decisions;
  }

  /** The {@code status()} query: phase, steps, open gate, audit log. 404 for an unknown id. */
  @GET
  @Timed
  @PermitAll
  public UpgradeStatus status(@PathParam("id") String id) {
    return service.status(id);
  }

  /** Approves the open gate; 409 when it is not open, 403 when four-eyes refuses the caller. */
  @POST
  @Path("gates/{gate}/approve")
  @Timed
  @RolesAllowed(Roles.APPROVER)
  public AuditEntry approve(
      @Auth GridshiftUser caller,
      @PathParam("id") String id,
      @PathParam("gate") String gate,
      CommentBody body) {
    log.info("{} approves gate {} of {}", caller.getName(), gate, id);
    return service.approve(id, decisions.of(caller, id, gate, true, body));
  }

  /** Rejects the open gate (the upgrade stops); 409 when it is not open. */
  @POST
  @Path("gates/{gate}/reject")
  @Timed
  @RolesAllowed(Roles.APPROVER)
  public AuditEntry reject(
      @Auth GridshiftUser caller,
      @PathParam("id") String id,
      @PathParam("gate") String gate,
      CommentBody body) {
    log.info("{} rejects gate {} of {}", caller.getName(), gate, id);
    return service.reject(id, decisions.of(caller, id, gate, false, body));
  }

  /** Pauses before the next step: 200 the PAUSED audit entry; 409 already paused. */
  @POST
  @Path("pause")
  @Timed
  @RolesAllowed(Roles.REQUESTER)
  public AuditEntry pause(
      @Auth GridshiftUser caller, @PathParam("id") String id, CommentBody body) {
    return control(caller, id, "pause", body);
  }

  /** Resumes a paused upgrade: 200 the RESUMED audit entry; 409 not paused. */
  @POST
  @Path("resume")
  @Timed
  @RolesAllowed(Roles.REQUESTER)
  public AuditEntry resume(
      @Auth GridshiftUser caller, @PathParam("id") String id, CommentBody body) {
    return control(caller, id, "resume", body);
  }

  /**
   * Aborts (with compensation before cutover): 200 the ABORT_REQUESTED audit entry; 409 an abort is
   * already under way or the upgrade has ended.
   */
  @POST
  @Path("abort")
  @Timed
  @RolesAllowed(Roles.REQUESTER)
  public AuditEntry abort(
      @Auth GridshiftUser caller, @PathParam("id") String id, CommentBody body) {
    return control(caller, id, "abort", body);
  }

  private AuditEntry control(GridshiftUser caller, String id, String action, CommentBody body) {
    log.info("{} asks to {} {}", caller.getName(), action, id);
    return service.control(id, action, new OperatorAction(caller.getName(), CommentBody.of(body)));
  }
}
