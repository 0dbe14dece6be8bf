package io.gridshift.workflows.hazelcast.activities;

import java.util.List;

/**
 * Parts of the member configuration (hazelcast.yaml/xml) that decide what a target of another
 * version can run.
 *
 * @param cpMemberCount {@code cp-subsystem.cp-member-count}: above 0, CP Subsystem is on (0, the
 *     default, is its unsafe mode: off)
 * @param serialization what the {@code serialization} section declares that needs classes of the
 *     application on the member's classpath, one entry each, e.g. {@code compact serializer
 *     com.acme.OrderSerializer} or {@code data-serializable factory 1: com.acme.Factories}
 */
public record MemberFeatures(int cpMemberCount, List<String> serialization) {
  /** A configuration that sets none of them. */
  public static final MemberFeatures NONE = new MemberFeatures(0, List.of());

  public MemberFeatures {
    serialization = serialization == null ? List.of() : List.copyOf(serialization);
  }
}
