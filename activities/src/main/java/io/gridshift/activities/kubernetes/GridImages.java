package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.gridshift.activities.Failures;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which grid kind a pod runs, read from its container images, so an upgrade of one kind is never
 * run against a workload of another (a Hazelcast roll of an Infinispan StatefulSet would "succeed"
 * at changing images it does not understand).
 */
public final class GridImages {
  /** The grid kinds an image can name. */
  public enum Kind {
    INFINISPAN("Infinispan", "\"kind\": \"infinispan\""),
    HAZELCAST("Hazelcast", "\"kind\": \"hazelcast\"");

    private final String display;
    private final String requestKind;

    Kind(String display, String requestKind) {
      this.display = display;
      this.requestKind = requestKind;
    }
  }

  private GridImages() {}

  /** The kind an image names (Data Grid images count as Infinispan), if any. */
  public static Optional<Kind> kindOf(String image) {
    String lower = image == null ? "" : image.toLowerCase(Locale.ROOT);
    if (lower.contains("infinispan") || lower.contains("datagrid")) {
      return Optional.of(Kind.INFINISPAN);
    }
    if (lower.contains("hazelcast")) {
      return Optional.of(Kind.HAZELCAST);
    }
    return Optional.empty();
  }

  /**
   * Refuses a pod template none of whose containers runs {@code expected} while one runs another
   * grid kind. Images that name no kind (a private registry's own names) are let through: the
   * version and health checks that follow still apply.
   *
   * @param workload how to name the workload in the message, e.g. {@code StatefulSet orders/dg}
   */
  public static void requireKind(PodSpec pod, Kind expected, String workload) {
    List<Container> containers = pod.getContainers() == null ? List.of() : pod.getContainers();
    if (containers.stream().anyMatch(c -> kindOf(c.getImage()).orElse(null) == expected)) {
      return;
    }
    for (Container c : containers) {
      Optional<Kind> found = kindOf(c.getImage());
      if (found.isPresent()) {
        throw Failures.invalidRequest(
            ("%s runs %s (container %s, image %s), not %s; this request asks for a %s upgrade:"
                    + " set %s to upgrade it, or name the %s grid in 'grid'")
                .formatted(
                    workload,
                    found.get().display,
                    c.getName(),
                    c.getImage(),
                    expected.display,
                    expected.display,
                    found.get().requestKind,
                    expected.display));
      }
    }
  }
}
