package io.gridshift.starter.server;

import com.codahale.metrics.annotation.Timed;
import io.dropwizard.auth.Auth;
import io.gridshift.starter.Planned;
import io.gridshift.starter.UpgradeFilter;
import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.UpgradeSummary;
import io.gridshift.starter.server.auth.GridshiftUser;
import io.gridshift.starter.server.auth.Roles;
import io.gridshift.workflows.common.InvalidRequestException;
import io.gridshift.workflows.request.UpgradeRequest;
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

/** {@code /api/upgrades}: start an upgrade (or plan it), list upgrades. */
@Path("/api/upgrades")
@Produces(MediaType.APPLICATION_JSON)
public class UpgradesResource {
  private static final Logger log = LoggerFactory.getLogger(UpgradesResource.class);

  private final UpgradeService service;
  private final Duration dryRunTimeout;

  public UpgradesResource(UpgradeService service, Duration dryRunTimeout) {
    this.service = service;
    this.dryRunTimeout = dryRunTimeout;
  }

  /**
   * Starts the upgrade the body describes (request JSON as for {@code gridshift upgrade start
   * --file}); the caller is recorded as the requester. With {@code dryRun=true} (or {@code
   * "dryRun": true} in the body) runs the plan only and answers 200 with it, or 422 with every
   * problem when the plan is refused (and the plan, when there is one); otherwise 201.
   */
  @POST
  @Timed
  @RolesAllowed(Roles.REQUESTER)
  public Response start(
      @Auth GridshiftUser caller, @QueryParam("dryRun") boolean dryRun, String body) {
    UpgradeRequest parsed =
        UpgradeRequests.parse(body == null ? "" : body, dryRun, caller.getName());
    if (parsed.dryRun()) {
      return dryRun(service.plan(parsed, dryRunTimeout));
    }
    String id = service.start(parsed).getWorkflowId();
    log.info("{} started upgrade {}", caller.getName(), id);
    String url = "/api/upgrades/" + id;
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("workflowId", id);
    answer.put("kind", parsed.kind());
    answer.put("url", url);
    return Response.created(URI.create(url)).entity(answer).build();
  }

  private static Response dryRun(Planned planned) {
    if (planned.refused()) {
      return Response.status(422)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(RefusedPlanBody.of(planned))
          .build();
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("workflowId", planned.workflowId());
    answer.put("dryRun", true);
    answer.put("plan", planned.status());
    return Response.ok(answer).build();
  }

  /**
   * Upgrades and dry runs in every phase, newest first: running ones with their phase, current step
   * and open gate. Every parameter is optional; {@code status} is a workflow status (RUNNING,
   * COMPLETED, FAILED, ...).
   */
  @GET
  @Timed
  @PermitAll
  public List<UpgradeSummary> list(
      @QueryParam("cluster") String cluster,
      @QueryParam("namespace") String namespace,
      @QueryParam("grid") String grid,
      @QueryParam("status") String status) {
    UpgradeFilter filter = new UpgradeFilter(cluster, namespace, grid, status);
    List<String> problems = filter.problems();
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return service.list(filter);
  }
}
