package io.gridshift.workflows.request;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.ImageRefs;
import io.gridshift.workflows.common.Limits;
import io.gridshift.workflows.common.Names;
import io.gridshift.workflows.common.Ownership;
import io.gridshift.workflows.common.RequestProblems;
import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.infinispan.ConnectionMode;
import io.gridshift.workflows.infinispan.InfinispanGates;
import io.gridshift.workflows.infinispan.InfinispanKind;
import io.gridshift.workflows.infinispan.InfinispanReleases;
import io.gridshift.workflows.infinispan.ProtostreamHandling;
import io.gridshift.workflows.infinispan.SyncOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Asks for a blue-green upgrade of one Infinispan / Data Grid StatefulSet. Only {@code cluster},
 * {@code grid} and {@code targetVersion} are required; {@link #withDefaults()} fills in the rest.
 *
 * @param cluster where the grid runs
 * @param grid the source StatefulSet's name
 * @param targetVersion the Infinispan version to upgrade to, e.g. {@code 15.0.21.Final}: exactly a
 *     known release ({@link InfinispanReleases})
 * @param targetImage the target image; default: the source image's repository with {@code
 *     targetVersion} as tag; when given, its tag must be {@code targetVersion} ({@link ImageRefs})
 * @param targetGrid the target StatefulSet's name; default {@code <grid>-<version slug>}, e.g.
 *     {@code dg-15-0-21}
 * @param service the Service clients use; default {@code grid}
 * @param route an OpenShift Route to move with the Service (optional)
 * @param caches caches to migrate; default every non-internal cache of the source
 * @param connectionMode how target caches read through to the source; default: chosen by the plan
 *     from the measured upgrade paths ({@code UpgradePaths}: RUNTIME where it works)
 * @param credentialsSecret a Secret (keys {@code username}, {@code password}) for digest auth on
 *     both grids; the password never enters the workflow
 * @param port the Hot Rod/REST port; default 11222
 * @param sync sync-data tuning; default server defaults, one cache at a time
 * @param verifySample how many keys per cache are compared value by value; default 1000
 * @param minReadySeconds minReadySeconds of the target StatefulSet; default the source's, or 10
 * @param gates policy per gate ({@link InfinispanGates}); a gate not listed requires approval
 * @param fourEyes when true, the requester cannot approve their own upgrade
 * @param requestedBy who asked (recorded in the audit log), at most 256 characters
 * @param dryRun when true, the workflow returns the plan and changes nothing
 * @param protostream what to do with caches a write through the target cannot reach (the
 *     protostream hazard, see {@link ProtostreamHandling}): {@code REFUSE} (default) stops the
 *     upgrade before traffic moves; {@code PAUSE_WRITES} migrates them before traffic moves while a
 *     person keeps client writes to them paused (RUNTIME connection mode only)
 * @param tlsSecret a Secret in the grid's namespace with the grids' CA certificate (PEM) in key
 *     {@code ca.crt}: both grids speak TLS (Hot Rod and REST) and gridshift trusts only that CA;
 *     default none (plain connections). A reference, never the material. RUNTIME mode only (the
 *     target's remote stores trust it through a trust store Secret deploy-target mounts); CONFIG
 *     mode only with {@code dryRun}
 * @param ownership what to do when another tool manages the grid (the Infinispan Operator, Helm,
 *     Argo CD, Flux): {@code RESPECT} (default) refuses in the plan, saying how to upgrade it
 *     through that tool; {@code TAKE_OVER} proceeds, recorded in the audit log ({@link Ownership})
 */
@JsonTypeName(InfinispanKind.NAME)
public record InfinispanUpgradeRequest(
    ClusterRef cluster,
    String grid,
    String targetVersion,
    String targetImage,
    String targetGrid,
    String service,
    String route,
    List<String> caches,
    ConnectionMode connectionMode,
    String credentialsSecret,
    Integer port,
    SyncOptions sync,
    Integer verifySample,
    Integer minReadySeconds,
    Map<String, GatePolicy> gates,
    Boolean fourEyes,
    String requestedBy,
    Boolean dryRun,
    ProtostreamHandling protostream,
    String tlsSecret,
    Ownership ownership)
    implements UpgradeRequest {

  /** A request without {@code ownership} (an owned grid is refused). */
  public InfinispanUpgradeRequest(
      ClusterRef cluster,
      String grid,
      String targetVersion,
      String targetImage,
      String targetGrid,
      String service,
      String route,
      List<String> caches,
      ConnectionMode connectionMode,
      String credentialsSecret,
      Integer port,
      SyncOptions sync,
      Integer verifySample,
      Integer minReadySeconds,
      Map<String, GatePolicy> gates,
      Boolean fourEyes,
      String requestedBy,
      Boolean dryRun,
      ProtostreamHandling protostream,
      String tlsSecret) {
    this(
        cluster,
        grid,
        targetVersion,
        targetImage,
        targetGrid,
        service,
        route,
        caches,
        connectionMode,
        credentialsSecret,
        port,
        sync,
        verifySample,
        minReadySeconds,
        gates,
        fourEyes,
        requestedBy,
        dryRun,
        protostream,
        tlsSecret,
        null);
  }

  /** A request without {@code tlsSecret} (plain connections to the grids). */
  public InfinispanUpgradeRequest(
      ClusterRef cluster,
      String grid,
      String targetVersion,
      String targetImage,
      String targetGrid,
      String service,
      String route,
      List<String> caches,
      ConnectionMode connectionMode,
      String credentialsSecret,
      Integer port,
      SyncOptions sync,
      Integer verifySample,
      Integer minReadySeconds,
      Map<String, GatePolicy> gates,
      Boolean fourEyes,
      String requestedBy,
      Boolean dryRun,
      ProtostreamHandling protostream) {
    this(
        cluster,
        grid,
        targetVersion,
        targetImage,
        targetGrid,
        service,
        route,
        caches,
        connectionMode,
        credentialsSecret,
        port,
        sync,
        verifySample,
        minReadySeconds,
        gates,
        fourEyes,
        requestedBy,
        dryRun,
        protostream,
        null);
  }

  /** Longest cache name a request may list. */
  public static final int MAX_CACHE_NAME = 255;

  /** Most caches a request may list. */
  public static final int MAX_CACHES = 1_000;

  /** A request with every optional field at its default. */
  public static InfinispanUpgradeRequest of(ClusterRef cluster, String grid, String targetVersion) {
    return new InfinispanUpgradeRequest(
        cluster,
        grid,
        targetVersion,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Override
  public List<String> gateNames() {
    return InfinispanGates.ALL;
  }

  /** Also: withDefaults() copies the cache list, which would fail on an empty name. */
  @Override
  public List<String> unreadable() {
    if (caches != null && caches.stream().anyMatch(Objects::isNull)) {
      return List.of("caches must not contain an empty name");
    }
    return UpgradeRequest.super.unreadable();
  }

  /**
   * This request with defaults applied (the one place defaults live). The defaults that depend on
   * the source stay unset until the plan has read it: {@code targetImage} (see {@link
   * #targetImageFor(String)}), {@code minReadySeconds} ({@link
   * InfinispanPlanner#targetMinReadySeconds}), an empty {@code caches} (every user cache) and
   * {@code connectionMode} (chosen from the measured upgrade paths, {@code UpgradePaths}).
   */
  public InfinispanUpgradeRequest withDefaults() {
    Map<String, GatePolicy> allGates = GatePolicy.everyGate(gates, gateNames());
    String target = targetGrid;
    if ((target == null || target.isBlank()) && grid != null && Versions.isValid(targetVersion)) {
      target = grid + "-" + Versions.slug(targetVersion);
    }
    return new InfinispanUpgradeRequest(
        cluster == null ? new ClusterRef(null, null) : cluster,
        grid,
        targetVersion,
        targetImage,
        target,
        service == null || service.isBlank() ? grid : service,
        route == null || route.isBlank() ? null : route,
        caches == null ? List.of() : List.copyOf(caches),
        connectionMode,
        credentialsSecret == null || credentialsSecret.isBlank() ? null : credentialsSecret,
        port == null ? 11222 : port,
        sync == null ? SyncOptions.defaults() : sync,
        verifySample == null ? 1000 : verifySample,
        minReadySeconds,
        Map.copyOf(allGates),
        fourEyes != null && fourEyes,
        requestedBy == null || requestedBy.isBlank() ? "unknown" : requestedBy,
        dryRun != null && dryRun,
        protostream == null ? ProtostreamHandling.REFUSE : protostream,
        tlsSecret == null || tlsSecret.isBlank() ? null : tlsSecret,
        ownership == null ? Ownership.RESPECT : ownership);
  }

  /** The target image given the source's image. */
  public String targetImageFor(String sourceImage) {
    if (targetImage != null && !targetImage.isBlank()) {
      return targetImage;
    }
    return Versions.imageRepository(sourceImage) + ":" + targetVersion;
  }

  /**
   * Every problem found in the request alone (no cluster consulted), each saying what to do. Call
   * on the result of {@link #withDefaults()}.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>(cluster.problems("cluster"));
    if (grid == null || grid.isBlank()) {
      problems.add("grid is required: the name of the source Infinispan StatefulSet");
    } else {
      RequestProblems.add(problems, Names.statefulSetProblem("grid", grid));
    }
    problems.addAll(versionProblems());
    if (targetGrid != null) {
      RequestProblems.add(problems, Names.statefulSetProblem("targetGrid", targetGrid));
    }
    if (targetGrid != null && targetGrid.equals(grid)) {
      problems.add("targetGrid must differ from grid: the target runs beside the source");
    }
    if (service != null) {
      RequestProblems.add(problems, Names.serviceProblem("service", service));
    }
    if (route != null) {
      RequestProblems.add(problems, Names.subdomainProblem("route", "Route name", route));
    }
    if (credentialsSecret != null) {
      RequestProblems.add(
          problems, Names.subdomainProblem("credentialsSecret", "Secret name", credentialsSecret));
    }
    if (tlsSecret != null) {
      RequestProblems.add(problems, Names.subdomainProblem("tlsSecret", "Secret name", tlsSecret));
      if (connectionMode == ConnectionMode.CONFIG && !Boolean.TRUE.equals(dryRun)) {
        // Refused here, before anything is created: CONFIG mode's remote stores are rendered into
        // the target's infinispan.xml without the trust store RUNTIME mode mounts for them.
        problems.add(
            "tlsSecret: connectionMode CONFIG cannot upgrade grids over TLS (its remote stores are"
                + " rendered without a trust store for the source's CA); use connectionMode"
                + " RUNTIME, or plan it with dryRun: true");
      }
    }
    RequestProblems.add(problems, Limits.identityProblem("requestedBy", requestedBy));
    RequestProblems.port(problems, port);
    if (verifySample < 0) {
      problems.add("verifySample " + verifySample + " must be 0 or more");
    }
    if (minReadySeconds != null && (minReadySeconds < 0 || minReadySeconds > 3600)) {
      problems.add("minReadySeconds " + minReadySeconds + " must be between 0 and 3600");
    }
    if (protostream == ProtostreamHandling.PAUSE_WRITES
        && connectionMode == ConnectionMode.CONFIG) {
      problems.add(
          "protostream PAUSE_WRITES needs connectionMode RUNTIME: in CONFIG mode the remote stores"
              + " are in the target's configuration and cannot be disconnected one cache at a"
              + " time; set \"connectionMode\": \"RUNTIME\" (the source needs 13.0+) or"
              + " \"protostream\": \"REFUSE\"");
    }
    problems.addAll(cacheProblems());
    problems.addAll(sync.problems());
    problems.addAll(RequestProblems.gates(gates, InfinispanGates.ALL));
    return problems;
  }

  /** targetVersion: a known Infinispan release; targetImage, when given, tagged with it. */
  private List<String> versionProblems() {
    if (targetVersion == null || targetVersion.isBlank()) {
      return List.of("targetVersion is required, e.g. 15.0.21.Final");
    }
    String version = InfinispanReleases.problem("targetVersion", targetVersion);
    if (version != null) {
      return List.of(version);
    }
    String image = ImageRefs.problem("targetImage", targetImage, targetVersion);
    return image == null ? List.of() : List.of(image);
  }

  private List<String> cacheProblems() {
    List<String> problems = new ArrayList<>();
    if (caches.size() > MAX_CACHES) {
      problems.add(
          "caches lists "
              + caches.size()
              + " names; at most "
              + MAX_CACHES
              + " are allowed: leave caches out to migrate every cache");
    }
    for (String cache : caches) {
      if (cache == null || cache.isBlank()) {
        problems.add("caches must not contain an empty name");
      } else if (cache.length() > MAX_CACHE_NAME) {
        problems.add(
            Limits.tooLong("a name in caches", cache, MAX_CACHE_NAME, "name an existing cache"));
      } else if (cache.chars().anyMatch(Character::isISOControl)) {
        problems.add(
            "caches: '" + Limits.abbreviate(cache) + "' contains a control character; remove it");
      }
    }
    return problems;
  }
}
