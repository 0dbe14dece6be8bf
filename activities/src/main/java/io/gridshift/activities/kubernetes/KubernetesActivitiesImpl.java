package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.RouteTargetReference;
import io.fabric8.openshift.client.OpenShiftClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.Failures;
import io.gridshift.activities.KubernetesForbidden;
import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.PartitionRequest;
import io.gridshift.workflows.activities.PodTemplatePatch;
import io.gridshift.workflows.activities.RolloutRequest;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.activities.RouteRequest;
import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KubernetesActivities} over one cluster's Kubernetes API ({@link ClusterAccess}); the
 * worker registers one instance per cluster task queue. Reads follow {@link RolloutRules}; writes
 * go through {@link Edits}, so each is idempotent and writes nothing when the object is already as
 * asked.
 */
public class KubernetesActivitiesImpl implements KubernetesActivities {
  /**
   * How often waitForRollout reads the workload: a finished rollout is seen within a quarter second
   * (one GET of one object each time; a watch would save requests, not time).
   */
  static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  /** How often waitForRollout lists the workload's pods for a crash loop (one LIST each time). */
  static final Duration POD_CHECK_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesActivitiesImpl.class);

  private final KubernetesClient client;
  private final StuckPods stuckPods;
  private final Claims claims;

  /**
   * @param cluster the one cluster this instance acts on
   */
  public KubernetesActivitiesImpl(ClusterAccess cluster) {
    this.client = cluster.kubernetes();
    this.stuckPods = new StuckPods(client);
    this.claims = new Claims(client);
  }

  @Override
  public void claim(ClaimRequest request) {
    claims.claim(request);
  }

  @Override
  public void release(ClaimRequest request) {
    claims.release(request);
  }

  @Override
  public RolloutStatus rolloutStatus(WorkloadRef workload) {
    return read(workload).status();
  }

  @Override
  public RolloutStatus waitForRollout(RolloutRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    WorkloadRef workload = request.workload();
    long deadline = System.nanoTime() + Duration.ofSeconds(request.timeoutSeconds()).toNanos();
    String last = "no reading yet";
    long nextPodCheck = System.nanoTime();
    while (true) {
      Observed observed = null;
      try {
        observed = read(workload);
      } catch (KubernetesClientException e) {
        // A blip must not fail a wait of minutes; a missing workload or rule still fails at once.
        KubernetesForbidden.rethrowIfForbidden(e);
        last = "cannot read it: " + e.getMessage();
        LOG.warn("{}: {}; will retry", describe(workload), last);
      }
      if (observed != null) {
        context.heartbeat(observed.status());
        last = observed.status().message();
        if (observed.status().done()) {
          LOG.info("{}: {}", describe(workload), last);
          return observed.status();
        }
        if (System.nanoTime() >= nextPodCheck) {
          nextPodCheck = System.nanoTime() + POD_CHECK_INTERVAL.toNanos();
          failIfCrashLooping(workload, observed.selector());
        }
        if (observed.stuck()) {
          throw Failures.nonRetryable(
              ("%s: %s; the controller gave up: check `kubectl describe %s -n %s %s` and"
                      + " its pods' events")
                  .formatted(
                      describe(workload),
                      last,
                      workload.kind().display().toLowerCase(),
                      workload.cluster().namespace(),
                      workload.name()),
              FailureTypes.ROLLOUT_STUCK);
        }
      }
      if (System.nanoTime() >= deadline) {
        // The wait's own deadline is its budget: not retried (its attempts are for worker deaths).
        throw Failures.nonRetryable(
            "%s: rollout not complete after %d s: %s"
                .formatted(describe(workload), request.timeoutSeconds(), last),
            FailureTypes.ROLLOUT_NOT_DONE);
      }
      sleep(POLL_INTERVAL);
    }
  }

  @Override
  public void setServiceSelector(ServiceSelectorRequest request) {
    String ns = request.cluster().namespace();
    Resource<Service> resource = client.services().inNamespace(ns).withName(request.service());
    Service current = resource.get();
    if (current == null) {
      throw Failures.invalidRequest(
          "Service %s/%s not found in cluster %s; check the service name (kubectl get services -n %s)"
              .formatted(ns, request.service(), request.cluster().cluster(), ns));
    }
    Claims.require(current, request.claim(), request.cluster());
    Edits.editIfChanged(
        client,
        resource,
        current,
        service -> {
          service.getSpec().setSelector(new LinkedHashMap<>(request.selector()));
          return service;
        });
  }

  @Override
  public void setRouteService(RouteRequest request) {
    String ns = request.cluster().namespace();
    Resource<Route> resource =
        client.adapt(OpenShiftClient.class).routes().inNamespace(ns).withName(request.route());
    Route current = resource.get();
    if (current == null) {
      throw Failures.invalidRequest(
          "Route %s/%s not found in cluster %s; check the route name (oc get routes -n %s)"
              .formatted(ns, request.route(), request.cluster().cluster(), ns));
    }
    Claims.require(current, request.claim(), request.cluster());
    Edits.editIfChanged(
        client,
        resource,
        current,
        route -> {
          if (route.getSpec().getTo() == null) {
            route.getSpec().setTo(new RouteTargetReference("Service", null, null));
          }
          route.getSpec().getTo().setName(request.service());
          return route;
        });
  }

  @Override
  public void setPartition(PartitionRequest request) {
    WorkloadRef ref = request.statefulSet();
    if (ref.kind() != WorkloadKind.STATEFULSET) {
      throw Failures.invalidRequest(
          describe(ref)
              + ": a partition exists only on StatefulSets; a Deployment or DeploymentConfig"
              + " rolls by its strategy once its template changes");
    }
    Resource<StatefulSet> resource = statefulSet(ref);
    StatefulSet current = require(resource.get(), ref);
    Claims.require(current, request.claim(), ref.cluster());
    Edits.editIfChanged(
        client,
        resource,
        current,
        sts -> {
          StatefulSetUpdateStrategy strategy = sts.getSpec().getUpdateStrategy();
          if (strategy == null) {
            strategy = new StatefulSetUpdateStrategy();
            sts.getSpec().setUpdateStrategy(strategy);
          }
          strategy.setType("RollingUpdate");
          if (strategy.getRollingUpdate() == null) {
            strategy.setRollingUpdate(new RollingUpdateStatefulSetStrategy());
          }
          strategy.getRollingUpdate().setPartition(request.partition());
          return sts;
        });
  }

  @Override
  public void patchPodTemplate(PodTemplatePatch patch) {
    WorkloadRef ref = patch.workload();
    switch (ref.kind()) {
      case STATEFULSET -> {
        Resource<StatefulSet> resource = statefulSet(ref);
        StatefulSet current = require(resource.get(), ref);
        Claims.require(current, patch.claim(), ref.cluster());
        Edits.editIfChanged(
            client, resource, current, patching(patch, sts -> sts.getSpec().getTemplate()));
      }
      case DEPLOYMENT -> {
        Resource<Deployment> resource = deployment(ref);
        Deployment current = require(resource.get(), ref);
        Claims.require(current, patch.claim(), ref.cluster());
        Edits.editIfChanged(
            client, resource, current, patching(patch, d -> d.getSpec().getTemplate()));
      }
      case DEPLOYMENT_CONFIG -> {
        // Its ConfigChange trigger turns the template change into a new version, rolled out.
        Resource<DeploymentConfig> resource = deploymentConfig(ref);
        DeploymentConfig current = require(resource.get(), ref);
        Claims.require(current, patch.claim(), ref.cluster());
        Edits.editIfChanged(
            client, resource, current, patching(patch, d -> d.getSpec().getTemplate()));
      }
    }
  }

  @Override
  public List<String> deleteStuckPods(WorkloadRef ref, String claim) {
    if (ref.kind() != WorkloadKind.STATEFULSET) {
      throw Failures.invalidRequest(
          describe(ref) + ": only a StatefulSet waits for a stuck pod; a Deployment replaces it");
    }
    StatefulSet current = require(statefulSet(ref).get(), ref);
    Claims.require(current, claim, ref.cluster());
    return stuckPods.delete(current, describe(ref));
  }

  @Override
  public void setRolloutPaused(WorkloadRef ref, boolean paused, String claim) {
    if (ref.kind() != WorkloadKind.DEPLOYMENT) {
      throw Failures.invalidRequest(
          describe(ref)
              + ": only a Deployment pauses its rollout; a StatefulSet holds a partition");
    }
    Resource<Deployment> resource = deployment(ref);
    Deployment current = require(resource.get(), ref);
    Claims.require(current, claim, ref.cluster());
    Edits.editIfChanged(
        client,
        resource,
        current,
        d -> {
          boolean unset = d.getSpec().getPaused() == null;
          d.getSpec().setPaused(paused ? Boolean.TRUE : unset ? null : Boolean.FALSE);
          return d;
        });
  }

  private <T> UnaryOperator<T> patching(
      PodTemplatePatch patch, Function<T, PodTemplateSpec> template) {
    return workload -> {
      apply(patch, template.apply(workload));
      return workload;
    };
  }

  private void apply(PodTemplatePatch patch, PodTemplateSpec template) {
    if (patch.image() != null) {
      container(patch, template.getSpec().getContainers()).setImage(patch.image());
    }
    if (patch.annotations() != null && !patch.annotations().isEmpty()) {
      if (template.getMetadata() == null) {
        template.setMetadata(new ObjectMeta());
      }
      if (template.getMetadata().getAnnotations() == null) {
        template.getMetadata().setAnnotations(new LinkedHashMap<>());
      }
      template.getMetadata().getAnnotations().putAll(patch.annotations());
    }
  }

  private Container container(PodTemplatePatch patch, List<Container> containers) {
    if (patch.container() == null) {
      if (containers.isEmpty()) {
        throw Failures.invalidRequest(
            describe(patch.workload()) + ": pod template has no container");
      }
      return containers.get(0);
    }
    return containers.stream()
        .filter(c -> Objects.equals(c.getName(), patch.container()))
        .findFirst()
        .orElseThrow(
            () ->
                Failures.invalidRequest(
                    "%s: no container named '%s' in the pod template; containers: %s"
                        .formatted(
                            describe(patch.workload()),
                            patch.container(),
                            containers.stream().map(Container::getName).toList())));
  }

  private Observed read(WorkloadRef ref) {
    if (ref.kind() == WorkloadKind.STATEFULSET) {
      StatefulSet sts = require(statefulSet(ref).get(), ref);
      return new Observed(RolloutRules.of(sts), false, sts.getSpec().getSelector());
    }
    if (ref.kind() == WorkloadKind.DEPLOYMENT_CONFIG) {
      DeploymentConfig dc = require(deploymentConfig(ref).get(), ref);
      return new Observed(
          DeploymentConfigRollout.of(dc),
          DeploymentConfigRollout.isStuck(dc),
          new LabelSelector(null, dc.getSpec().getSelector()));
    }
    Deployment deployment = require(deployment(ref).get(), ref);
    return new Observed(
        RolloutRules.of(deployment),
        RolloutRules.isStuck(deployment),
        deployment.getSpec().getSelector());
  }

  /**
   * A pod of the workload that crash-loops ends the wait at once ({@link CrashLoops}): the rollout
   * cannot complete, however long its deadline. A Kubernetes API blip only skips this check.
   */
  private void failIfCrashLooping(WorkloadRef ref, LabelSelector selector) {
    if (selector == null || selector.getMatchLabels() == null) {
      return;
    }
    List<Pod> pods;
    try {
      pods =
          client
              .pods()
              .inNamespace(ref.cluster().namespace())
              .withLabels(selector.getMatchLabels())
              .list()
              .getItems();
    } catch (KubernetesClientException e) {
      KubernetesForbidden.rethrowIfForbidden(e);
      LOG.warn("{}: cannot list its pods: {}; will retry", describe(ref), e.getMessage());
      return;
    }
    Optional<ApplicationFailure> crashLoop = CrashLoops.find(describe(ref), pods);
    if (crashLoop.isPresent()) {
      LOG.warn("{}", crashLoop.get().getOriginalMessage());
      throw crashLoop.get();
    }
  }

  private Resource<StatefulSet> statefulSet(WorkloadRef ref) {
    return client.apps().statefulSets().inNamespace(ref.cluster().namespace()).withName(ref.name());
  }

  private Resource<Deployment> deployment(WorkloadRef ref) {
    return client.apps().deployments().inNamespace(ref.cluster().namespace()).withName(ref.name());
  }

  private Resource<DeploymentConfig> deploymentConfig(WorkloadRef ref) {
    return GridWorkload.deploymentConfigs(client, ref.cluster().namespace(), ref.name());
  }

  private static <T> T require(T workload, WorkloadRef ref) {
    if (workload == null) {
      String kind = ref.kind().display().toLowerCase() + "s";
      throw Failures.gridNotFound(
          "%s not found in cluster %s; check the name (kubectl get %s -n %s)"
              .formatted(describe(ref), ref.cluster().cluster(), kind, ref.cluster().namespace()));
    }
    return workload;
  }

  private static String describe(WorkloadRef ref) {
    return ref.kind().display() + " " + ref.cluster().namespace() + "/" + ref.name();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    }
  }

  /** A reading of a workload: its numbers, whether its controller gave up, its pods' selector. */
  private record Observed(RolloutStatus status, boolean stuck, LabelSelector selector) {}
}
