package io.gridshift.demo;

/**
 * Entry point of {@code ./gridshift demo}. Exit code 0 only when the upgrade completed with no key
 * missing.
 */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) {
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
    } catch (Exception e) {
      System.err.println("demo failed: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
  }
}
