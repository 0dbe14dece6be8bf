package io.gridshift.demo.chaos;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a cluster's Kubernetes API directly (not through a fault proxy) for destructive actions
 * in some namespaces, so the chaos benchmark can count the ones done twice: deletions of
 * StatefulSets, Deployments, ConfigMaps, Services and pods, Service selector switches and lowered
 * StatefulSet partitions. Which repeats are duplicates is {@link DestructiveActionLedger}'s rule.
 *
 * <p>It uses informers (list, then watch; relist after a dropped watch, reporting what vanished
 * meanwhile as deleted), so, unlike polling, it sees a pod deleted and recreated between two looks.
 * A pod deletion reads its StatefulSet's pod template from the API at that moment: the template
 * change that causes a roll is written before the roll deletes a pod, while the StatefulSet's watch
 * event for it may arrive after the pod's.
 */
public final class DestructiveActionWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DestructiveActionWatch.class);

  private final KubernetesClient client;
  private final DestructiveActionLedger ledger = new DestructiveActionLedger();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  private DestructiveActionWatch(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Starts watching; returns once every informer has listed its objects, so what happens after this
   * call is seen.
   */
  public static DestructiveActionWatch start(
      KubernetesClient client, Collection<String> namespaces) {
    DestructiveActionWatch watch = new DestructiveActionWatch(client);
    try {
      for (String ns : namespaces) {
        watch.watch(ns);
      }
    } catch (RuntimeException e) {
      watch.close();
      throw e;
    }
    log.info("watching {} for destructive actions", namespaces);
    return watch;
  }

  private void watch(String ns) {
    informers.add(client.apps().statefulSets().inNamespace(ns).inform(new StatefulSets()));
    informers.add(client.apps().deployments().inNamespace(ns).inform(new Deletions<>()));
    informers.add(client.configMaps().inNamespace(ns).inform(new Deletions<>()));
    informers.add(client.services().inNamespace(ns).inform(new Services()));
    informers.add(client.pods().inNamespace(ns).inform(new Pods()));
  }

  /** Every destructive action, in the order seen. */
  public List<DestructiveAction> actions() {
    return ledger.actions();
  }

  /** One readable line per duplicate; empty when nothing was done twice. */
  public List<String> duplicates() {
    return ledger.duplicates();
  }

  /** Actions by {@code "<verb> <Kind>"}, e.g. {@code "delete Pod"}. */
  public Map<String, Integer> counts() {
    return ledger.counts();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }

  private static DestructiveAction action(HasMetadata o, String verb, String detail) {
    return new DestructiveAction(
        Instant.now(),
        verb,
        o.getKind(),
        o.getMetadata().getNamespace(),
        o.getMetadata().getName(),
        detail);
  }

  private static String key(String ns, String name) {
    return ns + "/" + name;
  }

  /** A short hash of a StatefulSet's pod template (what its updateRevision is computed from). */
  static String templateHash(StatefulSet sts) {
    if (sts == null) {
      return null;
    }
    try {
      byte[] json =
          Serialization.asJson(sts.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static int partition(StatefulSet sts) {
    var strategy = sts.getSpec() == null ? null : sts.getSpec().getUpdateStrategy();
    Integer p =
        strategy == null || strategy.getRollingUpdate() == null
            ? null
            : strategy.getRollingUpdate().getPartition();
    return p == null ? 0 : p;
  }

  static String selector(Service svc) {
    Map<String, String> s = svc.getSpec() == null ? null : svc.getSpec().getSelector();
    return s == null
        ? ""
        : new TreeMap<>(s)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
  }

  /** Deletions only (Deployments, ConfigMaps). */
  private class Deletions<T extends HasMetadata> implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T obj) {}

    @Override
    public void onUpdate(T oldObj, T newObj) {}

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      ledger.deleted(action(obj, DestructiveAction.DELETE, "uid " + obj.getMetadata().getUid()));
    }
  }

  private class Services extends Deletions<Service> {
    @Override
    public void onUpdate(Service oldObj, Service newObj) {
      String now = selector(newObj);
      if (!now.equals(selector(oldObj))) {
        ledger.selectorSwitched(action(newObj, DestructiveAction.SWITCH_SELECTOR, now));
      }
    }
  }

  private class StatefulSets extends Deletions<StatefulSet> {
    @Override
    public void onAdd(StatefulSet obj) {
      ledger.templateSeen(key(obj), templateHash(obj));
    }

    @Override
    public void onUpdate(StatefulSet oldObj, StatefulSet newObj) {
      String template = templateHash(newObj);
      if (!template.equals(templateHash(oldObj))) {
        ledger.templateSeen(key(newObj), template);
      }
      int now = partition(newObj);
      if (now < partition(oldObj)) {
        ledger.partitionLowered(
            action(newObj, DestructiveAction.LOWER_PARTITION, Integer.toString(now)));
      }
    }

    @Override
    public void onDelete(StatefulSet obj, boolean deletedFinalStateUnknown) {
      super.onDelete(obj, deletedFinalStateUnknown);
      ledger.templateSeen(key(obj), null);
    }

    private String key(StatefulSet sts) {
      return DestructiveActionWatch.key(
          sts.getMetadata().getNamespace(), sts.getMetadata().getName());
    }
  }

  private class Pods implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod obj) {
      // a pod added already terminating was deleted before the watch began
    }

    @Override
    public void onUpdate(Pod oldObj, Pod newObj) {
      if (newObj.getMetadata().getDeletionTimestamp() != null) {
        deleted(newObj);
      }
    }

    @Override
    public void onDelete(Pod obj, boolean deletedFinalStateUnknown) {
      deleted(obj);
    }

    private void deleted(Pod pod) {
      if (ledger.podCounted(pod.getMetadata().getUid())) {
        return;
      }
      String ns = pod.getMetadata().getNamespace();
      String owner = statefulSetOf(pod);
      String template = null;
      if (owner != null) {
        template = currentTemplate(ns, owner);
      }
      String sts = owner == null ? null : key(ns, owner);
      String detail =
          "uid "
              + pod.getMetadata().getUid()
              + (owner == null ? "" : ", StatefulSet " + owner + " template " + template);
      ledger.podDeleted(
          action(pod, DestructiveAction.DELETE, detail), pod.getMetadata().getUid(), sts);
    }

    private String currentTemplate(String ns, String owner) {
      try {
        String template =
            templateHash(client.apps().statefulSets().inNamespace(ns).withName(owner).get());
        ledger.templateSeen(key(ns, owner), template);
        return template;
      } catch (KubernetesClientException e) {
        log.debug("could not read StatefulSet {}/{}: {}", ns, owner, e.getMessage());
        return "unknown";
      }
    }

    private static String statefulSetOf(Pod pod) {
      List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
      return refs == null
          ? null
          : refs.stream()
              .filter(
                  r -> "StatefulSet".equals(r.getKind()) && Boolean.TRUE.equals(r.getController()))
              .map(OwnerReference::getName)
              .filter(Objects::nonNull)
              .findFirst()
              .orElse(null);
    }
  }
}
