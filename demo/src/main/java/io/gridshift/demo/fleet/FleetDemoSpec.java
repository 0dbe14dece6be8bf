package io.gridshift.demo.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.gridshift.demo.HazelcastDemo;
import io.gridshift.demo.InfinispanDemo;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetSpec.FleetCluster;
import io.gridshift.workflows.fleet.FleetSpec.GridSelector;
import io.gridshift.workflows.fleet.FleetSpec.MaintenanceWindow;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import io.gridshift.workflows.fleet.FleetSpec.VersionTarget;
import io.gridshift.workflows.fleet.FleetSpec.WeeklySlot;
import io.gridshift.workflows.kinds.GridKinds;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fleet spec the demo runs, as a person would write it: every grid of the three clusters, the
 * Infinispan target exact and Hazelcast's chosen at plan time as the newest allowed 5.3 patch, and
 * three stages:
 *
 * <ol>
 *   <li>{@value #CANARY}: the grid labelled {@value DemoGridPlan#CANARY_LABEL}, no failure
 *       tolerated, then a bake of {@link #BAKE} with the grid's health re-checked;
 *   <li>{@value #HALF}: half of what remains, behind an approval gate (a person looks at the canary
 *       first), one grid per cluster at a time, one failure tolerated, then a bake;
 *   <li>{@value #REST}: the rest, one failure tolerated.
 * </ol>
 *
 * Cluster {@value FleetLayout#WINDOW_CLUSTER} may only start upgrades inside a weekly window (in
 * {@value FleetLayout#WINDOW_ZONE}) that opens at {@link #windowOpening} of the run's start.
 */
public final class FleetDemoSpec {
  /** The fleet's name; its workflow id is {@code fleet-<name>}. */
  public static final String NAME = "shop";

  public static final String CANARY = "canary";
  public static final String HALF = "half";
  public static final String REST = "rest";

  /** The bake after the canary and after the second stage: short, for a demo. */
  public static final Duration BAKE = Duration.ofSeconds(20);

  /** Failures tolerated by each stage after the canary. */
  public static final int STAGE_BUDGET = 1;

  /** The gate before {@value #HALF}: a person has half an hour before the fleet aborts. */
  static final GatePolicy HALF_GATE =
      new GatePolicy(GatePolicy.Approval.REQUIRED, "30m", GatePolicy.TimeoutAction.ABORT);

  /**
   * The window opens no sooner than this after the fleet is set up, on a whole minute: later than
   * the canary, its bake and the gate take (about 90 s on 2 busy cores), so that {@value
   * FleetLayout#WINDOW_CLUSTER}'s grids in stage {@value #HALF} are seen waiting for it.
   */
  static final Duration WINDOW_DELAY = Duration.ofSeconds(150);

  /** How long the window stays open once it opened. */
  static final Duration WINDOW_LENGTH = Duration.ofHours(3);

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private FleetDemoSpec() {}

  /** The spec, requested by {@code requestedBy}, whose windowed cluster opens at {@code opens}. */
  public static FleetSpec build(String requestedBy, Instant opens) {
    List<FleetCluster> clusters =
        FleetLayout.clusters().stream()
            .map(
                c ->
                    new FleetCluster(
                        c.name(),
                        c.labels(),
                        c.name().equals(FleetLayout.WINDOW_CLUSTER) ? window(opens) : null))
            .toList();
    return new FleetSpec(
        NAME,
        requestedBy,
        clusters,
        new GridSelector(
            null,
            null,
            List.of(FleetLayout.INFINISPAN, FleetLayout.HAZELCAST),
            null,
            Map.of("app.kubernetes.io/part-of", "shop"),
            null),
        Map.of(
            FleetLayout.INFINISPAN,
            new VersionTarget(InfinispanDemo.TARGET_VERSION, null, null),
            FleetLayout.HAZELCAST,
            new VersionTarget(null, "5.3", List.of("5.3.7", HazelcastDemo.TARGET_VERSION))),
        stages(),
        null,
        false,
        false);
  }

  private static List<StageSpec> stages() {
    String bake = BAKE.toSeconds() + "s";
    String budget = Integer.toString(STAGE_BUDGET);
    return List.of(
        new StageSpec(
            CANARY,
            new GridSelector(
                null, null, null, null, Map.of(DemoGridPlan.CANARY_LABEL, "true"), null),
            1,
            null,
            1,
            null,
            "0",
            bake,
            null),
        new StageSpec(HALF, null, null, 50, 3, 1, budget, bake, HALF_GATE),
        new StageSpec(REST, null, null, null, 3, 1, budget, null, null));
  }

  /**
   * When the windowed cluster opens: {@link #WINDOW_DELAY} after {@code setUp}, rounded up to the
   * next whole minute (a weekly slot starts on a minute), so between 150 and 210 s later.
   */
  public static Instant windowOpening(Instant setUp) {
    Instant earliest = setUp.plus(WINDOW_DELAY);
    Instant minute = earliest.truncatedTo(ChronoUnit.MINUTES);
    return minute.equals(earliest) ? minute : minute.plus(Duration.ofMinutes(1));
  }

  /**
   * A weekly slot on the local weekday of {@code opens} in {@value FleetLayout#WINDOW_ZONE}, from
   * its local time for {@link #WINDOW_LENGTH} (past midnight it ends the next day, as slots do).
   */
  static MaintenanceWindow window(Instant opens) {
    ZonedDateTime local = opens.atZone(ZoneId.of(FleetLayout.WINDOW_ZONE));
    String day =
        local.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT);
    return new MaintenanceWindow(
        FleetLayout.WINDOW_ZONE,
        List.of(
            new WeeklySlot(
                List.of(day), local.format(HH_MM), local.plus(WINDOW_LENGTH).format(HH_MM))),
        null);
  }

  /**
   * The spec as YAML, as {@code ./gridshift fleet start --file} reads it (unset fields left out).
   */
  public static String yaml(FleetSpec spec) {
    ObjectMapper yaml =
        GridKinds.registerWith(
                new ObjectMapper(
                    new YAMLFactory()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)))
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
    try {
      return yaml.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the demo's fleet spec cannot be written as YAML", e);
    }
  }
}
