package io.gridshift.workflows.common;

import java.util.regex.Pattern;

/**
 * Kubernetes naming rules, checked before any request reaches a cluster. Each check returns why a
 * name is refused (naming the field, the rule and the fix), or null when it is valid. A name that
 * is too long is reported by its length, never echoed whole.
 *
 * <ol>
 *   <li>DNS-1123 label (namespaces, containers, most workloads): a-z, 0-9 and '-', starting and
 *       ending with a letter or digit, at most {@value #MAX_LABEL} characters.
 *   <li>StatefulSet: a label of at most {@value #MAX_STATEFULSET} characters, because its pods
 *       carry the label {@code controller-revision-hash: <name>-<10-character hash>}, whose value
 *       must fit in 63.
 *   <li>Service: a DNS-1035 label (it must start with a letter), at most {@value #MAX_LABEL}.
 *   <li>DNS-1123 subdomain (Secrets, Routes): labels joined by '.', at most {@value #MAX_SUBDOMAIN}
 *       characters.
 * </ol>
 */
public final class Names {
  /** Longest DNS-1123 label. */
  public static final int MAX_LABEL = 63;

  /** Longest StatefulSet name whose pods can still be labelled with their revision. */
  public static final int MAX_STATEFULSET = 52;

  /** Longest DNS-1123 subdomain. */
  public static final int MAX_SUBDOMAIN = 253;

  private static final String LABEL_RULE =
      "a-z, 0-9 and '-', starting and ending with a letter or digit";
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private Names() {}

  /**
   * True when {@code name} is a valid RFC 1123 label (Services, StatefulSets' pods, namespaces).
   */
  public static boolean isDnsLabel(String name) {
    return name != null && DNS_LABEL.matcher(name).matches();
  }

  /** Why {@code name} cannot be the DNS-1123 label {@code field} (a {@code what}), or null. */
  public static String labelProblem(String field, String what, String name) {
    return problem(field, what, name, MAX_LABEL, DNS_LABEL, LABEL_RULE);
  }

  /** Why {@code name} cannot be the StatefulSet name {@code field}, or null. */
  public static String statefulSetProblem(String field, String name) {
    if (name != null && name.length() > MAX_STATEFULSET) {
      return Limits.tooLong(
          field,
          name,
          MAX_STATEFULSET,
          "a StatefulSet's pods carry the label controller-revision-hash: <name>-<10-character"
              + " hash>, which must fit in 63; shorten it");
    }
    return labelProblem(field, "StatefulSet name", name);
  }

  /** Why {@code name} cannot be the Service name {@code field}, or null. */
  public static String serviceProblem(String field, String name) {
    return problem(
        field,
        "Service name",
        name,
        MAX_LABEL,
        DNS_1035_LABEL,
        "a-z, 0-9 and '-', starting with a letter and ending with a letter or digit");
  }

  /** Why {@code name} cannot be the DNS-1123 subdomain {@code field} (a {@code what}), or null. */
  public static String subdomainProblem(String field, String what, String name) {
    String problem =
        problem(
            field,
            what,
            name,
            MAX_SUBDOMAIN,
            SUBDOMAIN,
            "labels of " + LABEL_RULE + ", joined by '.'");
    if (problem == null) {
      for (String label : name.split("\\.")) {
        if (label.length() > MAX_LABEL) {
          return field + " '" + Limits.abbreviate(name) + "' has a part longer than 63 characters";
        }
      }
    }
    return problem;
  }

  private static String problem(
      String field, String what, String name, int max, Pattern rule, String allowed) {
    if (name == null || name.isEmpty()) {
      return field + " is empty; give a " + what;
    }
    if (name.length() > max) {
      return Limits.tooLong(field, name, max, "a " + what + " is a Kubernetes name; shorten it");
    }
    if (!rule.matcher(name).matches()) {
      return field
          + " '"
          + Limits.abbreviate(name)
          + "' is not a valid "
          + what
          + " ("
          + allowed
          + ")";
    }
    return null;
  }
}
