package io.gridshift.demo.fleet;

import io.gridshift.demo.HazelcastDemo;
import io.gridshift.demo.InfinispanDemo;
import java.util.List;
import java.util.Map;

/**
 * What the fleet demo runs on: three clusters, and seven grids sized for a 2-core machine (2-pod
 * Infinispan, 2-member Hazelcast, a few thousand entries each).
 *
 * <ul>
 *   <li>{@code eu-1}: the canary (a Hazelcast grid) and an Infinispan grid, both under a traffic
 *       probe, so one grid of each kind is watched from a client's side while it upgrades.
 *   <li>{@code us-1}: one grid of each kind, plus {@code ledger}, a Hazelcast grid whose members
 *       terminate on SIGTERM instead of handing their partitions over: the preflight refuses it,
 *       and it counts against its stage's failure budget of 1 without halting the fleet.
 *   <li>{@code ap-1}: one grid of each kind in a cluster whose maintenance window (in {@value
 *       #WINDOW_ZONE}) opens a minute or two after the run starts: its grids wait for it.
 * </ul>
 */
public final class FleetLayout {
  public static final String INFINISPAN = "infinispan";
  public static final String HAZELCAST = "hazelcast";

  /** The cluster whose maintenance window opens after the start. */
  public static final String WINDOW_CLUSTER = "ap-1";

  /** The window's time zone: a cluster in Tokyo keeps Tokyo's hours. */
  public static final String WINDOW_ZONE = "Asia/Tokyo";

  /** One cluster: its name and the labels a fleet selector could match. */
  public record DemoCluster(String name, Map<String, String> labels) {}

  private FleetLayout() {}

  /** The clusters, in the order their lanes are drawn. */
  public static List<DemoCluster> clusters() {
    return List.of(
        new DemoCluster("eu-1", Map.of("region", "eu", "env", "prod")),
        new DemoCluster("us-1", Map.of("region", "us", "env", "prod")),
        new DemoCluster(WINDOW_CLUSTER, Map.of("region", "ap", "env", "prod")));
  }

  /** The version grids of {@code kind} run before the fleet: the single demos' sources. */
  public static String sourceVersion(String kind) {
    return switch (kind) {
      case INFINISPAN -> InfinispanDemo.SOURCE_VERSION;
      case HAZELCAST -> HazelcastDemo.SOURCE_VERSION;
      default -> throw new IllegalArgumentException("the fleet demo has no grid of kind " + kind);
    };
  }

  /** Every grid, the refused one included. */
  public static List<DemoGridPlan> grids() {
    return List.of(
        new DemoGridPlan("eu-1", "shop", "carts", HAZELCAST, 2, true, true, false),
        new DemoGridPlan("eu-1", "shop", "sessions", INFINISPAN, 2, false, true, false),
        new DemoGridPlan("us-1", "billing", "invoices", INFINISPAN, 2, false, false, false),
        new DemoGridPlan("us-1", "billing", "rates", HAZELCAST, 2, false, false, false),
        new DemoGridPlan("us-1", "legacy", "ledger", HAZELCAST, 2, false, false, true),
        new DemoGridPlan(WINDOW_CLUSTER, "shop", "profiles", INFINISPAN, 2, false, false, false),
        new DemoGridPlan(WINDOW_CLUSTER, "shop", "prices", HAZELCAST, 2, false, false, false));
  }
}
