package io.gridshift.workflows.request;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GatePolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An upgrade request, of any grid kind: what every kind shares (where, which grid, to which
 * version, the gates, four-eyes, who asks, whether only the plan is wanted) and the upgrade's
 * workflow id. Jackson picks the record from the {@code kind} field ({@code "kind": "hazelcast"}),
 * whose value is the record's {@link JsonTypeName}, the kind's name everywhere.
 *
 * <p>Sealed: a switch over the built-in kinds is exhaustive. Java lets a sealed type permit records
 * of other packages only inside a named module, so the built-in requests live here, beside it. A
 * kind not (yet) built in, such as the test kind that proves the registry, implements {@link
 * PluggedUpgradeRequest} in its own package and registers its name with the registry.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(InfinispanUpgradeRequest.class),
  @JsonSubTypes.Type(HazelcastUpgradeRequest.class)
})
public sealed interface UpgradeRequest
    permits InfinispanUpgradeRequest, HazelcastUpgradeRequest, PluggedUpgradeRequest {

  /** The JSON field naming the kind. */
  String KIND_FIELD = "kind";

  ClusterRef cluster();

  String grid();

  String targetVersion();

  /** Policy per gate; after {@link #withDefaults()}, every gate of the kind. */
  Map<String, GatePolicy> gates();

  /** When true, the requester cannot approve their own upgrade. */
  Boolean fourEyes();

  String requestedBy();

  Boolean dryRun();

  /** The kind's gates, in the order the upgrade meets them. */
  List<String> gateNames();

  /**
   * The gates the kind asks a person on after a failure (approve retries): a fleet never makes them
   * AUTO on its own, since an automatic "retry" of a step that keeps failing would loop.
   */
  default List<String> questionGates() {
    return List.of();
  }

  /**
   * What stops {@link #withDefaults()} from reading this request at all (an entry without a name);
   * empty when it can be read. Kinds with more lists add theirs.
   */
  default List<String> unreadable() {
    if (gates() != null && gates().keySet().stream().anyMatch(Objects::isNull)) {
      return List.of("gates: every entry needs a gate name; the gates are " + gateNames());
    }
    return List.of();
  }

  /** This request with every default applied (the one place defaults live). */
  UpgradeRequest withDefaults();

  /**
   * Everything wrong with this request (after {@link #withDefaults()}), each saying what to do;
   * empty when it is valid.
   */
  List<String> problems();

  /** The kind's name: {@code infinispan}, {@code hazelcast}. */
  default String kind() {
    return kindOf(getClass());
  }

  /**
   * The deterministic workflow id, {@code <kind>-upgrade-<cluster>-<namespace>-<grid>}: one running
   * upgrade per grid.
   */
  default String workflowId() {
    return kind() + "-upgrade-" + cluster().cluster() + "-" + cluster().namespace() + "-" + grid();
  }

  /** The kind name a request class declares with {@link JsonTypeName}. */
  static String kindOf(Class<?> requestClass) {
    JsonTypeName name = requestClass.getAnnotation(JsonTypeName.class);
    if (name == null || name.value().isBlank()) {
      throw new IllegalStateException(
          requestClass.getName() + " must name its kind with @JsonTypeName");
    }
    return name.value();
  }
}
