package io.gridshift.workflows.activities;

/** Kubernetes workload kinds gridshift rolls. */
public enum WorkloadKind {
  STATEFULSET,
  DEPLOYMENT
}
