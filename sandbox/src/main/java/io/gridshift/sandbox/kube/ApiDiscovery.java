package io.gridshift.sandbox.kube;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The legacy discovery documents kube-apiserver serves ({@code /api}, {@code /apis}, {@code
 * /api/v1}, {@code /apis/GROUP/VERSION}), for the resources the sandbox holds, so that {@code
 * kubectl --kubeconfig <sandbox>/kubeconfig get events} or {@code describe statefulset} work
 * against the sandbox as against a cluster. The fabric8 mock serves none: kubectl would say "the
 * server doesn't have a resource type". kubectl asks for aggregated discovery first and falls back
 * to these when the answer is plain JSON.
 */
final class ApiDiscovery {
  private static final String VERBS =
      "[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]";

  /** One resource: its plural name, kind, short names and whether it lives in a namespace. */
  private record Resource(String name, String kind, boolean namespaced, String... shortNames) {
    String json() {
      String shorts =
          List.of(shortNames).stream()
              .map(s -> "\"" + s + "\"")
              .collect(Collectors.joining(",", "[", "]"));
      return String.format(
          "{\"name\":\"%s\",\"singularName\":\"%s\",\"namespaced\":%s,\"kind\":\"%s\","
              + "\"verbs\":%s,\"shortNames\":%s}",
          name, kind.toLowerCase(), namespaced, kind, VERBS, shorts);
    }
  }

  private static final Map<String, List<Resource>> GROUP_VERSIONS =
      Map.of(
          "v1",
          List.of(
              new Resource("pods", "Pod", true, "po"),
              new Resource("services", "Service", true, "svc"),
              new Resource("configmaps", "ConfigMap", true, "cm"),
              new Resource("secrets", "Secret", true),
              new Resource("events", "Event", true, "ev"),
              new Resource("endpoints", "Endpoints", true, "ep"),
              new Resource("serviceaccounts", "ServiceAccount", true, "sa"),
              new Resource("persistentvolumeclaims", "PersistentVolumeClaim", true, "pvc"),
              new Resource("namespaces", "Namespace", false, "ns")),
          "apps/v1",
          List.of(
              new Resource("statefulsets", "StatefulSet", true, "sts"),
              new Resource("deployments", "Deployment", true, "deploy"),
              new Resource("replicasets", "ReplicaSet", true, "rs"),
              new Resource("controllerrevisions", "ControllerRevision", true)),
          "apps.openshift.io/v1",
          List.of(new Resource("deploymentconfigs", "DeploymentConfig", true, "dc")),
          "route.openshift.io/v1",
          List.of(new Resource("routes", "Route", true)),
          "rbac.authorization.k8s.io/v1",
          List.of(
              new Resource("roles", "Role", true),
              new Resource("rolebindings", "RoleBinding", true),
              new Resource("clusterroles", "ClusterRole", false),
              new Resource("clusterrolebindings", "ClusterRoleBinding", false)));

  private ApiDiscovery() {}

  /** The discovery document at {@code path} (query ignored), if it is one. */
  static Optional<String> document(String path) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    if (bare.endsWith("/") && bare.length() > 1) {
      bare = bare.substring(0, bare.length() - 1);
    }
    if (bare.equals("/api")) {
      return Optional.of(
          "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}");
    }
    if (bare.equals("/apis")) {
      return Optional.of(groupList());
    }
    if (bare.equals("/api/v1")) {
      return Optional.of(resourceList("v1"));
    }
    if (bare.startsWith("/apis/")) {
      String groupVersion = bare.substring("/apis/".length());
      if (GROUP_VERSIONS.containsKey(groupVersion)) {
        return Optional.of(resourceList(groupVersion));
      }
    }
    return Optional.empty();
  }

  private static String groupList() {
    String groups =
        GROUP_VERSIONS.keySet().stream()
            .filter(gv -> gv.contains("/"))
            .sorted()
            .map(
                gv -> {
                  String group = gv.substring(0, gv.indexOf('/'));
                  String version = gv.substring(gv.indexOf('/') + 1);
                  String v =
                      String.format("{\"groupVersion\":\"%s\",\"version\":\"%s\"}", gv, version);
                  return String.format(
                      "{\"name\":\"%s\",\"versions\":[%s],\"preferredVersion\":%s}", group, v, v);
                })
            .collect(Collectors.joining(","));
    return "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[" + groups + "]}";
  }

  private static String resourceList(String groupVersion) {
    String resources =
        GROUP_VERSIONS.get(groupVersion).stream()
            .map(Resource::json)
            .collect(Collectors.joining(","));
    return String.format(
        "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"%s\","
            + "\"resources\":[%s]}",
        groupVersion, resources);
  }
}
