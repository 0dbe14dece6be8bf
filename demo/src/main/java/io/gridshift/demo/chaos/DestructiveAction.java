package io.gridshift.demo.chaos;

import java.time.Instant;

/**
 * One destructive change seen on the Kubernetes API by {@link DestructiveActionWatch}.
 *
 * @param at when the watch saw it
 * @param verb {@code delete}, {@code switch-selector} or {@code lower-partition}
 * @param kind the object's kind (Pod, StatefulSet, Deployment, ConfigMap, Service)
 * @param detail for a delete, the object's uid (and a pod's StatefulSet template); for a selector
 *     switch, the new selector ({@code k=v,k2=v2}); for a partition, the new value
 */
public record DestructiveAction(
    Instant at, String verb, String kind, String namespace, String name, String detail) {
  public static final String DELETE = "delete";
  public static final String SWITCH_SELECTOR = "switch-selector";
  public static final String LOWER_PARTITION = "lower-partition";

  /** {@code Kind ns/name}, as the duplicates read. */
  public String object() {
    return kind + " " + namespace + "/" + name;
  }
}
