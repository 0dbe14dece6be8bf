package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;

/**
 * Whether one RBAC rule allows a request, by Kubernetes' own matching (the RBAC authorizer's {@code
 * RuleAllows}): the verb, the API group and the resource must each be listed or covered by {@code
 * *}; a subresource is matched as {@code resource/subresource} (or {@code *} or {@code *
 * /subresource}, never by the bare resource); and a rule with resourceNames allows only requests
 * that name one of them, so it never allows a list, watch, create or deletecollection.
 */
public final class RbacRules {
  private static final String ALL = "*";

  private RbacRules() {}

  /** Whether {@code rule} allows {@code request} (a resource request). */
  public static boolean allows(PolicyRule rule, ApiRequest request) {
    return listed(rule.getVerbs(), request.verb())
        && listed(rule.getApiGroups(), request.apiGroup())
        && resourceMatches(rule.getResources(), request)
        && nameMatches(rule.getResourceNames(), request.name());
  }

  /** Whether any of {@code rules} allows {@code request}. */
  public static boolean anyAllows(List<PolicyRule> rules, ApiRequest request) {
    return rules.stream().anyMatch(rule -> allows(rule, request));
  }

  private static boolean listed(List<String> values, String value) {
    return values != null && (values.contains(ALL) || values.contains(value));
  }

  private static boolean resourceMatches(List<String> resources, ApiRequest request) {
    if (resources == null) {
      return false;
    }
    if (resources.contains(ALL) || resources.contains(request.qualifiedResource())) {
      return true;
    }
    return !request.subresource().isEmpty() && resources.contains("*/" + request.subresource());
  }

  private static boolean nameMatches(List<String> names, String name) {
    return names == null || names.isEmpty() || names.contains(name);
  }
}
