package io.gridshift.demo;

import io.gridshift.sandbox.kube.InfinispanPodRuntime;
import java.io.PrintStream;

/**
 * Lets the sandbox a demo starts run the Infinispan versions the demo asks for. The sandbox's pod
 * runtime runs the versions it knows ({@link InfinispanPodRuntime#KNOWN_VERSIONS}) plus those the
 * system properties {@value #SOURCE_PROPERTY} and {@value #TARGET_PROPERTY} name, read when the
 * sandbox starts; a pod of any other version would stay Pending. A sandbox already up ({@code
 * --sandbox DIR}) was started with its own properties and is not changed.
 */
final class SandboxVersions {
  static final String SOURCE_PROPERTY = "gridshift.infinispan.source";
  static final String TARGET_PROPERTY = "gridshift.infinispan.target";

  private SandboxVersions() {}

  /** Names {@code versions} the sandbox does not know in the properties it reads at start. */
  static void admit(InfinispanDemoVersions versions, PrintStream out) {
    admit(SOURCE_PROPERTY, versions.from(), out);
    admit(TARGET_PROPERTY, versions.to(), out);
  }

  private static void admit(String property, String version, PrintStream out) {
    if (InfinispanPodRuntime.KNOWN_VERSIONS.contains(version)
        || version.equals(System.getProperty(property))) {
      return;
    }
    out.printf(
        "  Infinispan %s is not one of the sandbox's usual versions %s: running it as"
            + " -D%s=%s%n",
        version, InfinispanPodRuntime.KNOWN_VERSIONS, property, version);
    System.setProperty(property, version);
  }
}
