package io.gridshift.demo;

import io.gridshift.demo.fleet.FleetDemo;
import io.gridshift.demo.fleet.FleetDemoOptions;

/**
 * Entry point of {@code ./gridshift demo}. Exit code 0 only when the upgrade completed with no key
 * missing.
 */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("fleet")) {
      fleet(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      DemoReport report =
          options.kind().equals("hazelcast")
              ? new HazelcastDemo(options, System.out).run()
              : new InfinispanDemo(options, System.out).run();
      System.exit(report.success() ? 0 : 1);
    } catch (DemoSandbox.DemoRefused e) {
      System.err.println("demo refused: " + e.getMessage());
      System.exit(1);
    } catch (Exception e) {
      System.err.println("demo failed: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** {@code ./gridshift demo fleet ...}: exit 0 only when every grid not refused upgraded whole. */
  private static void fleet(String[] args) {
    FleetDemoOptions options;
    try {
      options = FleetDemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      System.exit(new FleetDemo(options, System.out).run().success() ? 0 : 1);
    } catch (Exception e) {
      System.err.println("demo failed: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
  }
}
