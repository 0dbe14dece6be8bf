package io.gridshift.workflows.common;

import java.util.regex.Pattern;

/** Kubernetes naming rules, checked before any request reaches a cluster. */
public final class Names {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private Names() {}

  /**
   * True when {@code name} is a valid RFC 1123 label (Services, StatefulSets' pods, namespaces).
   */
  public static boolean isDnsLabel(String name) {
    return name != null && DNS_LABEL.matcher(name).matches();
  }
}
