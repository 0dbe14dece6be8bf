package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NamespaceableResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotent writes. A change is a function from the object as it is to the object as it should be;
 * it is applied with {@code edit()} (a JSON Patch computed from the object just read), so a retry
 * converges on the same state and a concurrent writer's fields are kept. Nothing is written when
 * the change changes nothing, so repeating a step does not bump {@code resourceVersion} (nor roll
 * pods). Server-side apply and strategic merge patch are avoided: the fabric8 mock server refuses
 * them.
 */
final class Edits {
  private static final Logger LOG = LoggerFactory.getLogger(Edits.class);

  private Edits() {}

  /**
   * Applies {@code change} to {@code resource} if it changes {@code current}.
   *
   * @param current the object as just read (not modified)
   * @param change may modify its argument; it is first tried on a copy of {@code current}
   * @return true when something was written
   */
  static <T extends HasMetadata> boolean editIfChanged(
      KubernetesClient client, Resource<T> resource, T current, UnaryOperator<T> change) {
    T proposed = change.apply(client.getKubernetesSerialization().clone(current));
    if (proposed.equals(current)) {
      LOG.debug("{} {} already up to date", current.getKind(), qualifiedName(current));
      return false;
    }
    // edit() re-reads the object and sends only the difference (JSON Patch), so fields others
    // changed meanwhile are kept; a 409 or 5xx propagates and Temporal retries the activity.
    resource.edit(change);
    LOG.info("updated {} {}", current.getKind(), qualifiedName(current));
    return true;
  }

  /**
   * Creates {@code desired} or, when it exists, brings the existing object to it with {@code
   * converge} (which must only touch fields the API server lets change).
   *
   * @return the object as stored
   */
  static <T extends HasMetadata> T createOrConverge(
      KubernetesClient client, T desired, UnaryOperator<T> converge) {
    NamespaceableResource<T> resource = client.resource(desired);
    T current = resource.get();
    if (current == null) {
      try {
        T created = resource.create();
        LOG.info("created {} {}", desired.getKind(), qualifiedName(desired));
        return created;
      } catch (KubernetesClientException e) {
        // Created between our read and our create (a retry racing its predecessor): converge it.
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        current = resource.get();
        if (current == null) {
          throw e;
        }
      }
    }
    // Not resource.edit(): a resource built from an item edits that item, not the stored object.
    @SuppressWarnings("unchecked")
    Resource<T> stored =
        client
            .resources((Class<T>) desired.getClass())
            .inNamespace(desired.getMetadata().getNamespace())
            .withName(desired.getMetadata().getName());
    editIfChanged(client, stored, current, converge);
    return stored.get();
  }

  static String qualifiedName(HasMetadata object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }
}
