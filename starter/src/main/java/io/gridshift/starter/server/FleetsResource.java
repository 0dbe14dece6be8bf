package io.gridshift.starter.server;

import com.codahale.metrics.annotation.Timed;
import io.dropwizard.auth.Auth;
import io.gridshift.starter.FleetService;
import io.gridshift.starter.FleetSpecReader;
import io.gridshift.starter.FleetSummary;
import io.gridshift.starter.PlannedFleet;
import io.gridshift.starter.server.auth.GridshiftUser;
import io.gridshift.starter.server.auth.Roles;
import io.gridshift.workflows.fleet.FleetSpec;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /api/fleets}: start a fleet (or plan it), list fleet runs. */
@Path("/api/fleets")
@Produces(MediaType.APPLICATION_JSON)
public class FleetsResource {
  private static final Logger log = LoggerFactory.getLogger(FleetsResource.class);

  private final FleetService service;
  private final Duration dryRunTimeout;

  public FleetsResource(FleetService service, Duration dryRunTimeout) {
    this.service = service;
    this.dryRunTimeout = dryRunTimeout;
  }

  /**
   * Starts the fleet the body describes (a fleet spec, JSON or YAML, as for {@code gridshift fleet
   * start --file}); the caller is recorded as the requester. 201 with the run's id; 409 when the
   * fleet already runs; 422 listing every problem of the spec. With {@code dryRun=true} (or {@code
   * "dryRun": true} in the body) runs the plan only: 200 with the plan (refused grids listed with
   * their reasons), or 422 with the plan when the fleet would not start at all.
   */
  @POST
  @Timed
  @RolesAllowed(Roles.REQUESTER)
  public Response start(
      @Auth GridshiftUser caller, @QueryParam("dryRun") boolean dryRun, String body) {
    FleetSpec spec = FleetSpecReader.parse(body == null ? "" : body, dryRun, caller.getName());
    if (Boolean.TRUE.equals(spec.dryRun())) {
      return dryRun(service.plan(spec, dryRunTimeout));
    }
    String id = service.start(spec).getWorkflowId();
    log.info("{} started fleet {}", caller.getName(), id);
    String url = "/api/fleets/" + id;
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("workflowId", id);
    answer.put("name", spec.name());
    answer.put("url", url);
    return Response.created(URI.create(url)).entity(answer).build();
  }

  private static Response dryRun(PlannedFleet planned) {
    if (planned.refused()) {
      return Response.status(422)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(RefusedFleetPlanBody.of(planned))
          .build();
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("workflowId", planned.workflowId());
    answer.put("dryRun", true);
    answer.put("plan", planned.status());
    return Response.ok(answer).build();
  }

  /** Fleet runs and dry runs, newest first: running ones with phase, stage, open gate, counts. */
  @GET
  @Timed
  @PermitAll
  public List<FleetSummary> list() {
    return service.list();
  }
}
