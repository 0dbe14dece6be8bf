package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.activities.ClaimedObject;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.OwnedGrids;
import io.gridshift.workflows.common.RequestProblems;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.GridInventory;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pure decisions of an Infinispan upgrade's plan step, apart from the mechanism that reads the
 * cluster: is the request well formed, is the source safe to upgrade, which caches move, and what
 * the target looks like. Every refusal is an {@link UpgradeStop} whose message says what to do. No
 * Temporal API is used here, so it is tested directly.
 */
public final class InfinispanPlanner {
  /** minReadySeconds of the target when neither the request nor the source sets one. */
  public static final int DEFAULT_MIN_READY_SECONDS = 10;

  private InfinispanPlanner() {}

  /**
   * Refuses a source that cannot be upgraded safely: one another tool manages (unless {@code
   * ownership} is TAKE_OVER, see {@link OwnedGrids}), missing Service or Route, or a grid that is
   * not whole. The versions are {@link #checkPath}'s question.
   */
  public static void checkSource(InfinispanUpgradeRequest request, SourceGrid source) {
    checkOwner(request, source);
    ClusterRef where = request.cluster();
    if (!source.serviceExists()) {
      throw RequestProblems.invalid(
          List.of(
              "Service '"
                  + request.service()
                  + "' not found in namespace "
                  + where.namespace()
                  + "; set 'service' to the Service clients use to reach grid "
                  + request.grid()));
    }
    if (request.route() != null && source.route() == null) {
      throw RequestProblems.invalid(
          List.of(
              "Route '"
                  + request.route()
                  + "' not found in namespace "
                  + where.namespace()
                  + "; name an existing Route or leave 'route' out"));
    }
    if (source.replicas() < 1 || source.readyReplicas() != source.replicas()) {
      throw UpgradeStop.failed(
          FailureTypes.UNSAFE_CONFIGURATION,
          "grid "
              + request.grid()
              + " is not whole: "
              + source.readyReplicas()
              + " of "
              + source.replicas()
              + " pods ready; wait until every pod is ready (or fix the one that is not) and start"
              + " again");
    }
  }

  /**
   * The version the source runs: its server's answer when it gave one gridshift can place, else its
   * image tag's ({@link ServerVersions#source}).
   */
  public static ServerVersions.Reading sourceVersion(SourceGrid source, GridInventory inventory) {
    return ServerVersions.source(
        source.name(), source.image(), source.version(), inventory.serverVersion());
  }

  /**
   * What {@link UpgradePaths} decides on for this request: the versions, the requested mode (null
   * when left out) and what needs RUNTIME mode whatever the matrix says.
   */
  public static PathQuestion pathQuestion(InfinispanUpgradeRequest request, SourceGrid source) {
    return pathQuestion(request, source.version());
  }

  /**
   * As {@link #pathQuestion(InfinispanUpgradeRequest, SourceGrid)} for a source running {@code
   * version}.
   */
  public static PathQuestion pathQuestion(InfinispanUpgradeRequest request, String version) {
    List<String> needRuntime = new ArrayList<>();
    if (request.protostream() == ProtostreamHandling.PAUSE_WRITES) {
      needRuntime.add("\"protostream\": \"PAUSE_WRITES\"");
    }
    if (request.tlsSecret() != null && !request.dryRun()) {
      needRuntime.add("tlsSecret");
    }
    return new PathQuestion(
        version, request.targetVersion(), request.connectionMode(), needRuntime);
  }

  /**
   * Refuses the upgrade path {@code path} refuses: type {@link FailureTypes#UNSUPPORTED_VERSION},
   * with the measured evidence and the way round it.
   */
  public static void checkPath(
      InfinispanUpgradeRequest request, SourceGrid source, PathChoice path) {
    checkPath(request, source.version(), path);
  }

  /**
   * As {@link #checkPath(InfinispanUpgradeRequest, SourceGrid, PathChoice)} for {@code version}.
   */
  public static void checkPath(InfinispanUpgradeRequest request, String version, PathChoice path) {
    if (path.isRefused()) {
      throw UpgradeStop.failed(
          FailureTypes.UNSUPPORTED_VERSION,
          "grid " + request.grid() + " runs " + version + ": " + path.refusal());
    }
    // The target starts from a copy of the source's infinispan.xml; before 13.0 its server section
    // has another layout, which newer servers refuse (found by bench/upgrade-path-demos).
    if (Versions.compare(version, InfinispanVersions.MIN_RUNTIME_SOURCE) < 0) {
      throw UpgradeStop.failed(
          FailureTypes.UNSUPPORTED_VERSION,
          "grid "
              + request.grid()
              + " runs "
              + version
              + ": the target would start from a copy of its infinispan.xml, whose server section"
              + " has the layout before 13.0 (connectors directly in <endpoints>), which "
              + request.targetVersion()
              + " refuses (\"Missing required attribute(s): socket-binding\"), and gridshift does"
              + " not convert it yet; the data path itself is measured usable"
              + " (bench/UPGRADE-PATHS.md). Upgrade this grid by hand with a target configuration"
              + " in the target's own layout, or wait for the conversion");
    }
  }

  /**
   * The version rules before the measured matrix, for histories recorded before {@code
   * WorkflowChanges.UPGRADE_PATHS}: a supported target family, and RUNTIME (the default) only on a
   * 13.0+ source.
   */
  public static void checkVersionsAsBefore(InfinispanUpgradeRequest request, SourceGrid source) {
    Optional<String> refusal =
        InfinispanVersions.refusal(source.version(), request.targetVersion());
    if (refusal.isEmpty()
        && request.connectionMode() != ConnectionMode.CONFIG
        && !InfinispanVersions.hasRuntimeSourceConnection(source.version())) {
      refusal = Optional.of(InfinispanVersions.noRuntimeSourceConnection());
    }
    checkPath(
        request,
        source,
        refusal
            .map(r -> PathChoice.refused(r, ""))
            .orElse(PathChoice.asBefore(request.connectionMode())));
  }

  /**
   * Refuses a grid the Infinispan Operator, Helm or a GitOps tool manages, unless the request takes
   * it over: type {@link FailureTypes#OWNED_BY_ANOTHER_TOOL}, saying how to upgrade it through its
   * owner (for the operator, the {@code spec.upgrades.type} that fits the versions).
   */
  static void checkOwner(InfinispanUpgradeRequest request, SourceGrid source) {
    if (source.owner() == null) {
      return;
    }
    OwnedGrids.check(
        request.ownership(),
        request.grid(),
        source.owner(),
        request.targetImageFor(source.image()),
        InfinispanOperatorUpgrades.advice(
            source.owner().resource(), source.version(), request.targetVersion()));
  }

  /**
   * The plan. Caches are the requested ones (each must exist and not be internal) or, by default,
   * every non-internal cache of the source.
   *
   * @throws UpgradeStop type {@link FailureTypes#CACHE_NOT_FOUND} naming the unknown caches and the
   *     ones that exist
   */
  public static InfinispanPlan plan(
      InfinispanUpgradeRequest request,
      SourceGrid source,
      GridInventory inventory,
      PathChoice path) {
    requireTargetImageForDataGrid(request, source);
    List<CacheInfo> caches = selectCaches(request, inventory);
    ServerVersions.Reading version = sourceVersion(source, inventory);
    List<String> warnings = new ArrayList<>();
    if (version.warning() != null) {
      warnings.add(version.warning());
    }
    warnings.addAll(warnings(request, source, inventory, caches, path));
    // Request defaults are applied already (withDefaults()); the target image, minReadySeconds,
    // the caches and the connection mode (path) depend on the source, so they are decided here.
    return new InfinispanPlan(
        source,
        request.grid() + InfinispanConventions.SOURCE_SERVICE_SUFFIX,
        request.targetGrid(),
        request.targetImageFor(source.image()),
        request.targetVersion(),
        source.replicas(),
        targetMinReadySeconds(request, source),
        path.mode(),
        caches,
        inventory.schemas() == null ? List.of() : List.copyOf(inventory.schemas()),
        InfinispanSteps.ALL,
        warnings,
        path.reason(),
        version.version());
  }

  /**
   * A Data Grid source's image is tagged with the product's version, so the target image cannot be
   * the same repository tagged with {@code targetVersion} (an Infinispan version): the request must
   * name it.
   */
  static void requireTargetImageForDataGrid(InfinispanUpgradeRequest request, SourceGrid source) {
    boolean named = request.targetImage() != null && !request.targetImage().isBlank();
    if (named || !DataGridVersions.isDataGridImage(source.image())) {
      return;
    }
    String product =
        DataGridVersions.dataGridOf(request.targetVersion())
            .map(
                v ->
                    "Data Grid "
                        + v
                        + " ships Infinispan "
                        + Versions.majorMinor(request.targetVersion()))
            .orElse("no Data Grid 8 release in gridshift's table ships " + request.targetVersion());
    throw RequestProblems.invalid(
        List.of(
            "grid "
                + request.grid()
                + " runs the Data Grid image "
                + source.image()
                + ", tagged with the product's version: set targetImage to the Data Grid image to"
                + " deploy, and targetVersion to the Infinispan release it ships ("
                + product
                + ")"));
  }

  /**
   * minReadySeconds of the target: the request's, else the source's, else {@link
   * #DEFAULT_MIN_READY_SECONDS}. A default that depends on what the cluster holds, so it is decided
   * here and not in {@link InfinispanUpgradeRequest#withDefaults()}.
   */
  public static int targetMinReadySeconds(InfinispanUpgradeRequest request, SourceGrid source) {
    if (request.minReadySeconds() != null) {
      return request.minReadySeconds();
    }
    return sourceSetsMinReady(source) ? source.minReadySeconds() : DEFAULT_MIN_READY_SECONDS;
  }

  private static boolean sourceSetsMinReady(SourceGrid source) {
    return source.minReadySeconds() > 0;
  }

  /**
   * What the upgrade will change that exists before it, claimed at plan: the source StatefulSet (or
   * DeploymentConfig), the client Service and the Route.
   */
  public static List<ClaimedObject> claimed(InfinispanUpgradeRequest request, InfinispanPlan plan) {
    List<ClaimedObject> objects = new ArrayList<>();
    objects.add(new ClaimedObject(ClaimedObject.of(plan.source().kind()), plan.source().name()));
    objects.add(new ClaimedObject(ClaimedObject.Kind.SERVICE, request.service()));
    if (request.route() != null) {
      objects.add(new ClaimedObject(ClaimedObject.Kind.ROUTE, request.route()));
    }
    return objects;
  }

  /**
   * What deploy-target creates (claimed from its creation): the target StatefulSet (or
   * DeploymentConfig), its Service and the Service pinned to the source.
   */
  public static ClaimedObject[] created(InfinispanPlan plan) {
    return new ClaimedObject[] {
      new ClaimedObject(ClaimedObject.of(plan.source().kind()), plan.targetGrid()),
      new ClaimedObject(ClaimedObject.Kind.SERVICE, plan.targetGrid()),
      new ClaimedObject(ClaimedObject.Kind.SERVICE, plan.sourceService())
    };
  }

  /** One line saying what the plan does. */
  public static String summary(InfinispanPlan plan) {
    long entries = plan.caches().stream().mapToLong(CacheInfo::entries).sum();
    return "upgrade grid "
        + plan.source().name()
        + " "
        + plan.sourceVersion()
        + " -> "
        + plan.targetVersion()
        + " as "
        + plan.targetGrid()
        + " ("
        + plan.replicas()
        + " pods, "
        + plan.caches().size()
        + " caches, "
        + entries
        + " entries); connection "
        + plan.connectionModeReason();
  }

  private static List<CacheInfo> selectCaches(
      InfinispanUpgradeRequest request, GridInventory inventory) {
    Map<String, CacheInfo> userCaches = new LinkedHashMap<>();
    for (CacheInfo c : inventory.caches()) {
      if (!c.internal()) {
        userCaches.put(c.name(), c);
      }
    }
    if (request.caches().isEmpty()) {
      return List.copyOf(userCaches.values());
    }
    List<String> unknown = new ArrayList<>();
    List<CacheInfo> selected = new ArrayList<>();
    for (String name : request.caches()) {
      CacheInfo c = userCaches.get(name);
      if (c == null) {
        unknown.add(name);
      } else if (!selected.contains(c)) {
        selected.add(c);
      }
    }
    if (!unknown.isEmpty()) {
      throw UpgradeStop.failed(
          FailureTypes.CACHE_NOT_FOUND,
          "caches "
              + unknown
              + " not found on grid "
              + request.grid()
              + "; its caches are "
              + userCaches.keySet()
              + " (leave 'caches' out to migrate them all)");
    }
    return selected;
  }

  private static List<String> warnings(
      InfinispanUpgradeRequest request,
      SourceGrid source,
      GridInventory inventory,
      List<CacheInfo> caches,
      PathChoice path) {
    List<String> warnings = new ArrayList<>();
    if (source.owner() != null) {
      // Only a TAKE_OVER gets here (checkOwner refused the rest): say who took what from whom.
      warnings.add(OwnedGrids.tookOver(request.requestedBy(), source.owner()));
    }
    List<String> left =
        inventory.caches().stream()
            .filter(c -> !c.internal() && !caches.contains(c))
            .map(CacheInfo::name)
            .toList();
    if (!left.isEmpty()) {
      warnings.add(
          "caches "
              + left
              + " are not migrated: their data is lost when the source is deleted (gate '"
              + InfinispanGates.DELETE_SOURCE
              + "'); leave 'caches' out to migrate every cache");
    }
    if (caches.isEmpty()) {
      warnings.add("grid " + source.name() + " has no user caches: only the servers move");
    }
    warnings.addAll(path.warnings());
    warnings.addAll(WriteThroughForecast.warnings(request, path, caches));
    if (request.minReadySeconds() == null && !sourceSetsMinReady(source)) {
      warnings.add(
          "the source sets no minReadySeconds; the target uses "
              + DEFAULT_MIN_READY_SECONDS
              + " so that each restarted pod receives its data before the next one goes");
    }
    return warnings;
  }
}
