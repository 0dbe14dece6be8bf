package io.gridshift.workflows.hazelcast.activities;

import io.gridshift.workflows.activities.WorkloadRef;

/**
 * How activities reach a Hazelcast cluster's members: the pods of a workload, each on its pod IP.
 *
 * @param workload the StatefulSet or Deployment
 * @param port member port (REST/health and client protocol), usually 5701
 */
public record HazelcastEndpoint(WorkloadRef workload, int port) {}
