package io.gridshift.workflows.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Entry count of one map (Hazelcast) before and after an upgrade.
 *
 * @param name map name
 * @param entriesBefore entries before the first pod rolled
 * @param entriesAfter entries at verification, or null until verified
 * @param writePauseMs blue-green only: how long client writes to the map were paused (from the
 *     writes-paused approval to the end of switch-traffic), or null (rolling upgrades, or not yet)
 */
public record MapProgress(
    String name,
    long entriesBefore,
    Long entriesAfter,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long writePauseMs) {

  public MapProgress(String name, long entriesBefore, Long entriesAfter) {
    this(name, entriesBefore, entriesAfter, null);
  }
}
