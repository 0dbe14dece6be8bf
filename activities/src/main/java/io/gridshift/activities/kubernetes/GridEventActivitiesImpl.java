package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.activities.GridEventActivities;
import io.gridshift.workflows.activities.GridEventRequest;
import io.gridshift.workflows.activities.GridEventsWritten;
import io.temporal.activity.Activity;
import java.net.HttpURLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GridEventActivities} over one cluster's Kubernetes API: core/v1 Events, the ones {@code
 * kubectl describe} lists.
 *
 * <ol>
 *   <li>For each workload of the request: read the StatefulSet of that name, else the Deployment;
 *       none means nothing to regard (the target before it is deployed, the source once deleted).
 *       The Event names the object's uid, as {@code kubectl describe} filters on it.
 *   <li>Create the Event under a name derived from the workflow id, run id, sequence number and
 *       workload ({@link GridEvents#name}): 409 AlreadyExists is a retried call whose Event is
 *       there already, left as is.
 *   <li>Any other failure (403, the API down) is logged and counted (metric {@value
 *       #FAILURES_METRIC}) and never thrown: Events are best effort, the upgrade goes on.
 * </ol>
 */
public class GridEventActivitiesImpl implements GridEventActivities {
  /** Counter of Event writes that failed (Prometheus: {@code ..._total}). */
  public static final String FAILURES_METRIC = "gridshift_event_write_failures";

  private static final Logger LOG = LoggerFactory.getLogger(GridEventActivitiesImpl.class);

  private final KubernetesClient client;

  /**
   * @param cluster the one cluster this instance writes to
   */
  public GridEventActivitiesImpl(ClusterAccess cluster) {
    this.client = cluster.kubernetes();
  }

  @Override
  public GridEventsWritten record(GridEventRequest request) {
    String ns = request.cluster().namespace();
    int written = 0;
    int already = 0;
    int absent = 0;
    int failed = 0;
    for (String workload : request.workloads()) {
      try {
        HasMetadata object = find(ns, workload);
        if (object == null) {
          absent++;
          continue;
        }
        client
            .v1()
            .events()
            .inNamespace(ns)
            .resource(GridEvents.of(request, regarding(object)))
            .create();
        written++;
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
          already++;
        } else {
          failed++;
          failure(request, workload, e);
        }
      } catch (RuntimeException e) {
        failed++;
        failure(request, workload, e);
      }
    }
    return new GridEventsWritten(written, already, absent, failed);
  }

  private HasMetadata find(String ns, String name) {
    HasMetadata sts = client.apps().statefulSets().inNamespace(ns).withName(name).get();
    if (sts != null) {
      return sts;
    }
    HasMetadata deployment = client.apps().deployments().inNamespace(ns).withName(name).get();
    // Last: an OpenShift DeploymentConfig grid (plain Kubernetes answers 404: none).
    return deployment != null ? deployment : GridWorkload.deploymentConfigs(client, ns, name).get();
  }

  private static ObjectReference regarding(HasMetadata object) {
    return new ObjectReferenceBuilder()
        .withApiVersion(object.getApiVersion() == null ? "apps/v1" : object.getApiVersion())
        .withKind(object.getKind())
        .withNamespace(object.getMetadata().getNamespace())
        .withName(object.getMetadata().getName())
        .withUid(object.getMetadata().getUid())
        .build();
  }

  private static void failure(GridEventRequest request, String workload, RuntimeException e) {
    LOG.warn(
        "Kubernetes Event {} on {}/{} not written (the upgrade goes on): {}",
        request.reason(),
        request.cluster().namespace(),
        workload,
        e.getMessage());
    try {
      Activity.getExecutionContext().getMetricsScope().counter(FAILURES_METRIC).inc(1);
    } catch (IllegalStateException outsideActivity) {
      // Called directly (a unit test): there is no metrics scope to count in.
    }
  }
}
