package io.gridshift.sandbox.kube;

import java.util.Arrays;
import java.util.List;

/**
 * What an authorizer sees of a request to the API server, as kube-apiserver's request info filter
 * derives it from the method and path: the verb, the API group, the resource and subresource, the
 * namespace (empty for cluster scope) and the object's name (empty for lists and creates). Paths
 * outside {@code /api} and {@code /apis/<group>/<version>} (discovery, {@code /version}) are not
 * resource requests.
 *
 * @param resourceRequest whether the path names a resource at all
 * @param verb get, list, watch, create, update, patch, delete or deletecollection
 * @param apiGroup "" for the core group
 * @param resource the plural resource, e.g. {@code statefulsets}
 * @param subresource e.g. {@code scale}, {@code status}, {@code exec}; "" when none
 * @param namespace "" at the cluster scope
 * @param name "" when the request names no object
 */
public record ApiRequest(
    boolean resourceRequest,
    String verb,
    String apiGroup,
    String resource,
    String subresource,
    String namespace,
    String name) {

  /** The request of {@code method} on {@code pathAndQuery}. */
  public static ApiRequest of(String method, String pathAndQuery) {
    String path = pathAndQuery;
    String query = "";
    int q = path.indexOf('?');
    if (q >= 0) {
      query = path.substring(q + 1);
      path = path.substring(0, q);
    }
    List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    String group;
    int rest;
    if (parts.size() >= 2 && parts.get(0).equals("api")) {
      group = "";
      rest = 2; // api/v1
    } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      rest = 3; // apis/<group>/<version>
    } else {
      return new ApiRequest(false, method.toLowerCase(), "", "", "", "", "");
    }
    List<String> tail = parts.subList(rest, parts.size());
    if (tail.isEmpty()) {
      return new ApiRequest(false, method.toLowerCase(), group, "", "", "", ""); // discovery
    }
    String namespace = "";
    // namespaces/<ns>/<resource>...: a namespaced resource; namespaces[/<ns>] alone: the object.
    if (tail.get(0).equals("namespaces") && tail.size() >= 3) {
      namespace = tail.get(1);
      tail = tail.subList(2, tail.size());
    }
    String resource = tail.get(0);
    String name = tail.size() > 1 ? tail.get(1) : "";
    String subresource = tail.size() > 2 ? String.join("/", tail.subList(2, tail.size())) : "";
    if (resource.equals("namespaces") && !name.isEmpty()) {
      namespace = name; // a namespace object is in itself, as kube-apiserver sees it
    }
    // kube-apiserver authorizes exec, attach and port-forward as create, whatever the method
    // (the websocket upgrade is a GET): a Role grants pods/exec with verb create.
    String verb = CONNECT_SUBRESOURCES.contains(subresource) ? "create" : verb(method, name, query);
    return new ApiRequest(true, verb, group, resource, subresource, namespace, name);
  }

  private static final java.util.Set<String> CONNECT_SUBRESOURCES =
      java.util.Set.of("exec", "attach", "portforward");

  private static String verb(String method, String name, String query) {
    boolean watch =
        Arrays.asList(query.split("&")).contains("watch=true")
            || Arrays.asList(query.split("&")).contains("watch=1");
    return switch (method.toUpperCase()) {
      case "GET", "HEAD" -> watch ? "watch" : name.isEmpty() ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name.isEmpty() ? "deletecollection" : "delete";
      default -> method.toLowerCase();
    };
  }

  /** {@code resource} or {@code resource/subresource}, as RBAC rules and messages name it. */
  public String qualifiedResource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }

  /**
   * kube-apiserver's 403 message: {@code statefulsets.apps "dg" is forbidden: User "u" cannot
   * delete resource "statefulsets" in API group "apps" in the namespace "prod"}.
   */
  public String forbiddenMessage(String user) {
    String groupResource = apiGroup.isEmpty() ? resource : resource + "." + apiGroup;
    String object = name.isEmpty() ? groupResource : groupResource + " \"" + name + "\"";
    String scope =
        namespace.isEmpty() ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
    return "%s is forbidden: User \"%s\" cannot %s resource \"%s\" in API group \"%s\" %s"
        .formatted(object, user, verb, qualifiedResource(), apiGroup, scope);
  }
}
