package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.activities.ClaimedObject;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.GatePolicy;
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

  private static final String PROTOSTREAM = "application/x-protostream";

  private InfinispanPlanner() {}

  /**
   * Refuses a source that cannot be upgraded safely: one another tool manages (unless {@code
   * ownership} is TAKE_OVER, see {@link OwnedGrids}), missing Service or Route, an unsupported
   * version jump, a connection mode the source lacks, or a grid that is not whole. Goes by the
   * image tag's version: the check of histories recorded before the server's version was read
   * ({@link io.gridshift.workflows.common.WorkflowChanges#SERVER_VERSIONS}).
   */
  public static void checkSource(InfinispanUpgradeRequest request, SourceGrid source) {
    checkPlacement(request, source);
    checkRunning(request, source, source.version());
  }

  /**
   * Refuses a source another tool manages (unless taken over), or whose client Service or requested
   * Route is missing: what is known before the servers are asked anything.
   */
  public static void checkPlacement(InfinispanUpgradeRequest request, SourceGrid source) {
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
   * Refuses a source running {@code version} that cannot go to the target version (or in the
   * requested connection mode), or a grid that is not whole.
   */
  public static void checkRunning(
      InfinispanUpgradeRequest request, SourceGrid source, String version) {
    Optional<String> refusal = InfinispanVersions.refusal(version, request.targetVersion());
    if (refusal.isPresent()) {
      throw UpgradeStop.failed(
          FailureTypes.UNSUPPORTED_VERSION,
          "grid " + request.grid() + " runs " + version + ": " + refusal.get());
    }
    if (request.connectionMode() == ConnectionMode.RUNTIME
        && Versions.compare(version, InfinispanVersions.MIN_RUNTIME_SOURCE) < 0) {
      throw UpgradeStop.failed(
          FailureTypes.UNSUPPORTED_VERSION,
          "grid "
              + request.grid()
              + " runs "
              + version
              + ", which has no runtime source-connection API (it needs "
              + InfinispanVersions.MIN_RUNTIME_SOURCE
              + "+); set connectionMode CONFIG");
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
      InfinispanUpgradeRequest request, SourceGrid source, GridInventory inventory) {
    requireTargetImageForDataGrid(request, source);
    List<CacheInfo> caches = selectCaches(request, inventory);
    ServerVersions.Reading version = sourceVersion(source, inventory);
    List<String> warnings = new ArrayList<>();
    if (version.warning() != null) {
      warnings.add(version.warning());
    }
    warnings.addAll(warnings(request, source, inventory, caches));
    // Request defaults are applied already (withDefaults()); the target image, minReadySeconds
    // and the caches default to what the source holds, so they are decided here, where it is known.
    return new InfinispanPlan(
        source,
        request.grid() + InfinispanConventions.SOURCE_SERVICE_SUFFIX,
        request.targetGrid(),
        request.targetImageFor(source.image()),
        request.targetVersion(),
        source.replicas(),
        targetMinReadySeconds(request, source),
        request.connectionMode(),
        caches,
        inventory.schemas() == null ? List.of() : List.copyOf(inventory.schemas()),
        InfinispanSteps.ALL,
        warnings,
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
   * What the upgrade will change that exists before it, claimed at plan: the source StatefulSet,
   * the client Service and the Route.
   */
  public static List<ClaimedObject> claimed(InfinispanUpgradeRequest request, InfinispanPlan plan) {
    List<ClaimedObject> objects = new ArrayList<>();
    objects.add(new ClaimedObject(ClaimedObject.Kind.STATEFULSET, plan.source().name()));
    objects.add(new ClaimedObject(ClaimedObject.Kind.SERVICE, request.service()));
    if (request.route() != null) {
      objects.add(new ClaimedObject(ClaimedObject.Kind.ROUTE, request.route()));
    }
    return objects;
  }

  /**
   * What deploy-target creates (claimed from its creation): the target StatefulSet, its Service and
   * the Service pinned to the source.
   */
  public static ClaimedObject[] created(InfinispanPlan plan) {
    return new ClaimedObject[] {
      new ClaimedObject(ClaimedObject.Kind.STATEFULSET, plan.targetGrid()),
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
        + " entries, "
        + plan.connectionMode()
        + " connection)";
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
      List<CacheInfo> caches) {
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
    boolean protostream = false;
    for (CacheInfo c : caches) {
      if (PROTOSTREAM.equals(c.mediaType())) {
        protostream = true;
        warnings.add(
            "cache '"
                + c.name()
                + "' is encoded "
                + PROTOSTREAM
                + ": on some targets a write through the target is lost while the source is"
                + " connected; the write-through probe checks this before traffic moves, and "
                + whenProbeFails(request));
      }
    }
    boolean autoPause =
        request.gates().get(InfinispanGates.WRITES_PAUSED).approval() == GatePolicy.Approval.AUTO;
    if (protostream && request.protostream() == ProtostreamHandling.PAUSE_WRITES && autoPause) {
      warnings.add(
          "gate '"
              + InfinispanGates.WRITES_PAUSED
              + "' is AUTO: nobody is asked to pause client writes; pause them before the upgrade"
              + " starts, or writes made during "
              + InfinispanSteps.SYNC_PAUSED_CACHES
              + " are lost");
    }
    if (request.minReadySeconds() == null && !sourceSetsMinReady(source)) {
      warnings.add(
          "the source sets no minReadySeconds; the target uses "
              + DEFAULT_MIN_READY_SECONDS
              + " so that each restarted pod receives its data before the next one goes");
    }
    return warnings;
  }

  private static String whenProbeFails(InfinispanUpgradeRequest request) {
    if (request.protostream() == ProtostreamHandling.REFUSE) {
      return "if it fails the upgrade stops (set \"protostream\": \"PAUSE_WRITES\" to migrate"
          + " such caches with client writes paused instead)";
    }
    return "if it fails gate '"
        + InfinispanGates.WRITES_PAUSED
        + "' asks for client writes to the cache to be paused until switch-traffic has completed";
  }
}
