package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Roles, ClusterRoles and their bindings of a set of manifests, and what they allow a user, as
 * Kubernetes' RBAC authorizer decides it:
 *
 * <ol>
 *   <li>a ClusterRoleBinding whose subjects include the user grants its ClusterRole's rules in
 *       every namespace and at the cluster scope;
 *   <li>a RoleBinding in namespace N whose subjects include the user grants its Role (in N) or
 *       ClusterRole's rules in N only, never at the cluster scope nor in another namespace;
 *   <li>a request is allowed when one granted rule allows it ({@link RbacRules}); nothing denies.
 * </ol>
 *
 * A user {@code system:serviceaccount:<ns>:<name>} matches a ServiceAccount subject {@code
 * <ns>/<name>}, a User subject of that full name, and the Groups {@code system:serviceaccounts},
 * {@code system:serviceaccounts:<ns>} and {@code system:authenticated}. Objects of other kinds in
 * the manifests are ignored.
 */
public final class RbacPolicy {
  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  private final Map<String, Role> roles = new HashMap<>();
  private final Map<String, ClusterRole> clusterRoles = new HashMap<>();
  private final List<RoleBinding> roleBindings = new ArrayList<>();
  private final List<ClusterRoleBinding> clusterRoleBindings = new ArrayList<>();

  private RbacPolicy(Collection<HasMetadata> objects) {
    for (HasMetadata o : objects) {
      if (o instanceof Role r) {
        roles.put(key(r.getMetadata().getNamespace(), r.getMetadata().getName()), r);
      } else if (o instanceof ClusterRole r) {
        clusterRoles.put(r.getMetadata().getName(), r);
      } else if (o instanceof RoleBinding b) {
        roleBindings.add(b);
      } else if (o instanceof ClusterRoleBinding b) {
        clusterRoleBindings.add(b);
      }
    }
  }

  /** The policy of these objects. */
  public static RbacPolicy of(Collection<HasMetadata> objects) {
    return new RbacPolicy(objects);
  }

  /** The policy of the YAML manifests {@code files} (several documents per file allowed). */
  public static RbacPolicy load(List<Path> files) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    for (Path file : files) {
      objects.addAll(parse(Files.readString(file), file.toString()));
    }
    return new RbacPolicy(objects);
  }

  /** The objects of a YAML or JSON manifest with one or more documents. */
  public static List<HasMetadata> parse(String yaml, String source) {
    Object parsed;
    try {
      parsed = Serialization.unmarshal(yaml);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "RBAC manifest " + source + " is not valid Kubernetes YAML: " + e.getMessage(), e);
    }
    List<HasMetadata> objects = new ArrayList<>();
    if (parsed instanceof KubernetesList list) {
      objects.addAll(list.getItems());
    } else if (parsed instanceof List<?> list) {
      list.stream()
          .filter(HasMetadata.class::isInstance)
          .map(HasMetadata.class::cast)
          .forEach(objects::add);
    } else if (parsed instanceof HasMetadata one) {
      objects.add(one);
    }
    objects.removeIf(Objects::isNull);
    return objects;
  }

  /** Whether {@code user} may make {@code request}; requests that name no resource are allowed. */
  public boolean allows(String user, ApiRequest request) {
    if (!request.resourceRequest()) {
      return true; // discovery and /version: system:discovery grants them to everyone
    }
    return granted(user, request.namespace()).stream()
        .anyMatch(rules -> RbacRules.anyAllows(rules, request));
  }

  /** The rule lists granted to {@code user} for a request in {@code namespace} ("" cluster). */
  private List<List<PolicyRule>> granted(String user, String namespace) {
    List<List<PolicyRule>> granted = new ArrayList<>();
    for (ClusterRoleBinding b : clusterRoleBindings) {
      if (bound(b.getSubjects(), user)) {
        granted.add(clusterRoleRules(b.getRoleRef()));
      }
    }
    if (!namespace.isEmpty()) {
      for (RoleBinding b : roleBindings) {
        if (namespace.equals(b.getMetadata().getNamespace()) && bound(b.getSubjects(), user)) {
          granted.add(roleRules(namespace, b.getRoleRef()));
        }
      }
    }
    return granted;
  }

  private List<PolicyRule> clusterRoleRules(RoleRef ref) {
    ClusterRole role = "ClusterRole".equals(ref.getKind()) ? clusterRoles.get(ref.getName()) : null;
    return role == null || role.getRules() == null ? List.of() : role.getRules();
  }

  private List<PolicyRule> roleRules(String namespace, RoleRef ref) {
    if ("ClusterRole".equals(ref.getKind())) {
      return clusterRoleRules(ref);
    }
    Role role = roles.get(key(namespace, ref.getName()));
    return role == null || role.getRules() == null ? List.of() : role.getRules();
  }

  private static boolean bound(List<Subject> subjects, String user) {
    return subjects != null && subjects.stream().anyMatch(s -> matches(s, user));
  }

  private static boolean matches(Subject subject, String user) {
    String name = subject.getName();
    switch (String.valueOf(subject.getKind())) {
      case "ServiceAccount":
        return user.equals(SERVICE_ACCOUNT_PREFIX + subject.getNamespace() + ":" + name);
      case "User":
        return user.equals(name);
      case "Group":
        if (!user.startsWith(SERVICE_ACCOUNT_PREFIX)) {
          return "system:authenticated".equals(name);
        }
        String namespace = user.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":")[0];
        return name.equals("system:authenticated")
            || name.equals("system:serviceaccounts")
            || name.equals("system:serviceaccounts:" + namespace);
      default:
        return false;
    }
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
