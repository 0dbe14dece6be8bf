package io.gridshift.workflows.hazelcast.activities;

import java.util.List;
import java.util.Map;

/**
 * Parts of the member configuration (hazelcast.yaml/xml) that decide what a target of another
 * version can run.
 *
 * @param cpMemberCount {@code cp-subsystem.cp-member-count}: above 0, CP Subsystem is on (0, the
 *     default, is its unsafe mode: off)
 * @param serialization what the {@code serialization} section declares that needs classes of the
 *     application on the member's classpath, one entry each, e.g. {@code compact serializer
 *     com.acme.OrderSerializer} or {@code data-serializable factory 1: com.acme.Factories}
 * @param journals every {@code map} configuration by its name as written ({@code default}, a
 *     wildcard such as {@code orders-*}, or a map's name) with the capacity of its enabled {@code
 *     event-journal} ({@value #DEFAULT_JOURNAL_CAPACITY} when enabled without one), or 0 when it
 *     has no journal or a disabled one
 */
public record MemberFeatures(
    int cpMemberCount, List<String> serialization, Map<String, Integer> journals) {
  /** Hazelcast's {@code event-journal.capacity} when a configuration enables it without one. */
  public static final int DEFAULT_JOURNAL_CAPACITY = 10_000;

  /** A configuration that sets none of them. */
  public static final MemberFeatures NONE = new MemberFeatures(0, List.of(), Map.of());

  public MemberFeatures {
    serialization = serialization == null ? List.of() : List.copyOf(serialization);
    journals = journals == null ? Map.of() : Map.copyOf(journals);
  }

  /** Features of a configuration with no {@code map} section. */
  public MemberFeatures(int cpMemberCount, List<String> serialization) {
    this(cpMemberCount, serialization, Map.of());
  }
}
