package io.gridshift.workflows.activities;

import io.gridshift.workflows.common.ClusterRef;
import java.util.List;

/**
 * The claim of one upgrade on the objects it will change: annotation {@link #ANNOTATION} with the
 * upgrade's workflow id on each. An object claimed by another upgrade is refused (naming the
 * holder); an object this upgrade claimed is checked for the claim before every destructive step,
 * and released at the end.
 *
 * @param cluster where
 * @param upgradeId the claiming upgrade's workflow id
 * @param objects what it claims (or releases)
 */
public record ClaimRequest(ClusterRef cluster, String upgradeId, List<ClaimedObject> objects) {
  /** The annotation that names the upgrade holding an object. */
  public static final String ANNOTATION = "gridshift.io/upgrade";

  public ClaimRequest {
    objects = objects == null ? List.of() : List.copyOf(objects);
  }
}
