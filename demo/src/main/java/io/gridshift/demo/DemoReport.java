package io.gridshift.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gridshift.demo.measure.Overhead;
import io.gridshift.demo.traffic.TrafficSummary;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.CacheProgress;
import io.gridshift.workflows.common.CatchUpFigures;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.HazelcastDetails;
import io.gridshift.workflows.infinispan.InfinispanDetails;
import java.util.List;
import java.util.Map;

/**
 * The demo's {@code --report} JSON.
 *
 * @param workflowId the upgrade's workflow id
 * @param status the final phase: COMPLETED, FAILED, ABORTED, ...
 * @param steps every step with its state and times
 * @param caches per cache: the workflow's count of every source key, and the demo's read-back of
 *     the keys it loaded (see {@link Cache})
 * @param approvals every gate decision
 * @param members (hazelcast) every member's pod and version
 * @param maps (hazelcast) every map's entries before and after
 * @param traffic what the traffic probe saw through the upgrade (absent with {@code --rate 0})
 * @param overhead the upgrade's wall time split into gate waits, irreducible waits and the
 *     orchestrator's own share
 * @param security (with {@code --secure}) what protected the upgrade and what the checks found
 * @param observability where the worker served its metrics, the Events written, key series
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DemoReport(
    String workflowId,
    String status,
    List<Step> steps,
    List<Cache> caches,
    List<Approval> approvals,
    List<Member> members,
    List<MapEntries> maps,
    TrafficSummary traffic,
    Overhead overhead,
    Security security,
    Observability observability) {

  /**
   * What protected a {@code --secure} run, and what the demo found when it checked.
   *
   * @param temporalTls how the worker, REST service and demo reached Temporal ({@code mutual TLS})
   * @param payloadsEncrypted whether every client and worker encrypted payloads
   * @param gridTls whether the grid's endpoints (REST, Hot Rod or member REST) spoke TLS
   * @param approvals the approvals mode the worker enforced ({@code signed})
   * @param rbacEnforced whether the sandbox's Kubernetes API enforced the agent's RBAC
   * @param plaintextFoundInHistory secrets or grid data found in clear in the raw histories of the
   *     upgrade and its child workflows (each as {@code what: where}); must be empty
   * @param rbacDenials requests of the agent the Kubernetes API refused (403); must be 0
   */
  public record Security(
      String temporalTls,
      boolean payloadsEncrypted,
      boolean gridTls,
      String approvals,
      boolean rbacEnforced,
      List<String> plaintextFoundInHistory,
      long rbacDenials) {
    /** Whether the checks passed: nothing in clear in history and no denial. */
    public boolean held() {
      return plaintextFoundInHistory.isEmpty() && rbacDenials == 0;
    }
  }

  /** One Hazelcast member after the upgrade. */
  public record Member(String pod, String version) {}

  /**
   * One Hazelcast map: entries before the upgrade, and after it as read back key by key (a missing
   * or changed key counts as lost); with the blue-green path, how long clients' writes to it were
   * paused, as the upgrade measured it (writes-paused approved to switch-traffic done).
   */
  public record MapEntries(
      String name,
      long entriesBefore,
      long entriesAfter,
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          Long writePauseMs) {

    public MapEntries(String name, long entriesBefore, long entriesAfter) {
      this(name, entriesBefore, entriesAfter, null);
    }
  }

  /** One step. */
  public record Step(String name, String status, String startedAt, String endedAt) {}

  /**
   * One cache, counted over two sets of keys, each field saying which.
   *
   * @param sourceEntries every entry of the source cache at the workflow's last verification
   *     ({@code verify-target}; at plan when none ran): the keys the demo loaded plus any the
   *     traffic probe wrote before traffic moved
   * @param targetEntries entries of the target cache at that verification
   * @param missingKeys of the {@code sourceEntries} keys, those the target lacked (that
   *     verification looks every source key up)
   * @param loadedKeys the keys the demo loaded into the cache before the upgrade
   * @param loadedKeysMissing of the {@code loadedKeys}, those absent or holding another value when
   *     read back through the client Service after the upgrade
   * @param writePauseMs (a cache moved with a short write pause) how long client writes to it were
   *     paused: from the approval of gate writes-paused to the end of switch-traffic; absent for
   *     the other caches
   * @param catchUp (that cache) what its catch-up pass copied and deleted, and how long it took
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cache(
      String name,
      long sourceEntries,
      long targetEntries,
      long missingKeys,
      long loadedKeys,
      long loadedKeysMissing,
      Long writePauseMs,
      CatchUpFigures catchUp) {}

  /**
   * What an SRE's tools saw of the run: where the worker served its metrics, how many Kubernetes
   * Events the upgrade wrote, and a few key series read back from {@code /metrics}.
   *
   * @param metricsUrl the in-process worker's {@code /metrics}
   * @param eventsWritten the Events the upgrade wrote in the grid's namespace
   * @param metricsScraped series (as Prometheus writes them, labels sorted) and their values
   */
  public record Observability(
      String metricsUrl, int eventsWritten, Map<String, Double> metricsScraped) {}

  /** One gate decision. */
  public record Approval(String gate, String by, String at, String comment) {}

  /**
   * Builds the report from the final status and the demo's own read-back: {@code loaded} keys per
   * cache, of which {@code missingOnReadBack} were absent or changed.
   */
  public static DemoReport of(
      UpgradeStatus status, Map<String, Integer> loaded, Map<String, Integer> missingOnReadBack) {
    List<Step> steps =
        status.steps().stream()
            .map(s -> new Step(s.name(), s.state().name(), s.startedAt(), s.endedAt()))
            .toList();
    List<Cache> caches =
        caches(status).stream()
            .map(
                c ->
                    new Cache(
                        c.name(),
                        c.sourceEntries(),
                        c.targetEntries(),
                        c.missingKeys(),
                        loaded.getOrDefault(c.name(), 0),
                        missingOnReadBack.getOrDefault(c.name(), 0),
                        c.writePauseMs(),
                        c.catchUp()))
            .toList();
    List<Approval> approvals =
        status.audit().stream()
            .filter(
                a ->
                    a.action() == AuditEntry.Action.APPROVED
                        || a.action() == AuditEntry.Action.REJECTED)
            .map(a -> new Approval(a.gate(), a.by(), a.at(), a.comment()))
            .toList();
    return new DemoReport(
        status.workflowId(),
        status.phase().name(),
        steps,
        caches,
        approvals,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Builds a Hazelcast report: {@code lost} counts keys missing or changed on reading back. */
  public static DemoReport ofHazelcast(
      UpgradeStatus status, Map<String, Integer> loaded, Map<String, Integer> lost) {
    DemoReport base = of(status, Map.of(), Map.of());
    List<Member> members =
        status.details(HazelcastDetails.class).members().stream()
            .map(m -> new Member(m.pod(), m.version()))
            .toList();
    Map<String, Long> paused = new java.util.HashMap<>();
    status.details(HazelcastDetails.class).maps().stream()
        .filter(m -> m.writePauseMs() != null)
        .forEach(m -> paused.put(m.name(), m.writePauseMs()));
    List<MapEntries> maps =
        loaded.entrySet().stream()
            .map(
                e ->
                    new MapEntries(
                        e.getKey(),
                        e.getValue(),
                        e.getValue() - lost.get(e.getKey()),
                        paused.get(e.getKey())))
            .toList();
    return new DemoReport(
        base.workflowId(),
        base.status(),
        base.steps(),
        List.of(),
        base.approvals(),
        members,
        maps,
        null,
        null,
        null,
        null);
  }

  /** This report with the measurements of the run added. */
  DemoReport with(UpgradeMeasurement.Result measured) {
    return new DemoReport(
        workflowId,
        status,
        steps,
        caches,
        approvals,
        members,
        maps,
        measured.traffic(),
        measured.overhead(),
        security,
        observability);
  }

  /** This report with what the {@code --secure} checks found. */
  DemoReport with(Security checked) {
    return new DemoReport(
        workflowId,
        status,
        steps,
        caches,
        approvals,
        members,
        maps,
        traffic,
        overhead,
        checked,
        observability);
  }

  /** This report with what the metrics and Events showed. */
  DemoReport with(Observability observed) {
    return new DemoReport(
        workflowId,
        status,
        steps,
        caches,
        approvals,
        members,
        maps,
        traffic,
        overhead,
        security,
        observed);
  }

  /**
   * True when the upgrade completed and nothing is missing: no loaded key, and no write the probe's
   * client saw acknowledged; with {@code --secure}, nothing found in clear in the histories and no
   * RBAC denial. Client errors (downtime) are reported, not judged here.
   */
  boolean success() {
    return status.equals("COMPLETED")
        && caches.stream().allMatch(c -> c.missingKeys() == 0 && c.loadedKeysMissing() == 0)
        && (maps == null || maps.stream().allMatch(m -> m.entriesAfter() == m.entriesBefore()))
        && (traffic == null || (traffic.lostWrites() == 0 && traffic.unreadableKeys() == 0))
        && (security == null || security.held());
  }

  /** An Infinispan upgrade's caches; none for other kinds. */
  static List<CacheProgress> caches(UpgradeStatus status) {
    return status.details() instanceof InfinispanDetails infinispan
        ? infinispan.caches()
        : List.of();
  }
}
