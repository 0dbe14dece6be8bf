package io.gridshift.workflows.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.gridshift.workflows.hazelcast.HazelcastDetails;
import io.gridshift.workflows.infinispan.InfinispanDetails;
import java.util.List;

/**
 * What a kind adds to {@link UpgradeStatus}: its plan and its own progress (caches, members, maps).
 * JSON carries the kind's name in {@code kind}, so every reader (REST, CLI, ops page, Temporal UI)
 * reads it the same way; the built-in kinds are listed here, a plugged kind's details are
 * registered by {@link io.gridshift.workflows.kinds.GridKinds}.
 */
// The tables are written for readers that do not know the kind (the ops page) and never read back.
@JsonIgnoreProperties(value = "tables", allowGetters = true)
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(InfinispanDetails.class),
  @JsonSubTypes.Type(HazelcastDetails.class)
})
public interface UpgradeDetails {

  /**
   * Why the kind's own rules refuse the plan, one sentence each saying what to do (a Hazelcast
   * preflight lists every violation); empty when they do not, or when no plan was made.
   */
  default List<String> refusals() {
    return List.of();
  }

  /**
   * The kind's progress as tables, for readers that do not know the kind: the CLI, the ops page
   * (JSON {@code details.tables}) and the Temporal UI's current details.
   */
  @JsonProperty("tables")
  default List<DetailTable> tables() {
    return List.of();
  }
}
