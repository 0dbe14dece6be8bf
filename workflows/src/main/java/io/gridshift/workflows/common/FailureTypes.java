package io.gridshift.workflows.common;

import java.util.List;

/**
 * Application failure types, the one vocabulary the workflows and the activities share: each type
 * is defined here once, with one meaning (activities build them with {@code
 * io.gridshift.activities.Failures}). The types in {@link #NON_RETRYABLE} are never retried;
 * everything else (Kubernetes conflicts and 5xx, connection errors, "not yet ready") is. Messages
 * say what happened, to what, and what to do.
 */
public final class FailureTypes {
  /** The request is malformed or names things that do not exist. */
  public static final String INVALID_REQUEST = "InvalidRequest";

  /** The grid (StatefulSet) named in the request does not exist. */
  public static final String GRID_NOT_FOUND = "GridNotFound";

  /** A cache named in the request does not exist on the source. */
  public static final String CACHE_NOT_FOUND = "CacheNotFound";

  /** A setting of the grid would lose data during the upgrade. */
  public static final String UNSAFE_CONFIGURATION = "UnsafeConfiguration";

  /** The version jump is a downgrade, a no-op, or not tested/supported. */
  public static final String UNSUPPORTED_VERSION = "UnsupportedVersion";

  /** Target data differs from the source (missing keys, different values). */
  public static final String DATA_MISMATCH = "DataMismatch";

  /** A write through the target does not reach the source (the protostream hazard). */
  public static final String WRITE_PROBE_FAILED = "WriteProbeFailed";

  /** A Kubernetes Secret named in the request is missing or lacks a key. */
  public static final String SECRET_NOT_FOUND = "SecretNotFound";

  /**
   * An object the upgrade would change is not this upgrade's to change: another upgrade holds its
   * claim (annotation {@code gridshift.io/upgrade}), or the claim this upgrade wrote is gone.
   */
  public static final String CLAIM_CONFLICT = "ClaimConflict";

  /**
   * Another tool manages the grid (an operator, Helm, Argo CD, Flux) and the request did not say
   * {@code "ownership": "TAKE_OVER"}: the message says how to upgrade it through that tool.
   */
  public static final String OWNED_BY_ANOTHER_TOOL = "OwnedByAnotherTool";

  /** No worker picked up the first call to a cluster: nothing serves its task queue. */
  public static final String NO_AGENT = "NoAgent";

  /**
   * A Hazelcast roll was left where it stands by a person: after a pod or the cluster did not
   * become safe, or a roll step failed, gate resume-or-rollback was rejected where no rollback was
   * possible (during a settings fix or a rollback). The workflow ends with it; some members may run
   * the new image. Not {@link #CLUSTER_NOT_SAFE}, which is one wait's timeout, retried.
   */
  public static final String ROLL_HALTED = "RollHalted";

  /** A gate decision or operator action was refused (gate not open, four-eyes, limits). */
  public static final String DECISION_REFUSED = "DecisionRefused";

  // Retryable "not yet" conditions. Activities throw them; once an activity's retries are spent
  // the type becomes the failed step's (and the upgrade's) failure type.

  /** Kubernetes: a rollout did not complete in time. */
  public static final String ROLLOUT_NOT_DONE = "RolloutNotDone";

  /**
   * Kubernetes, thrown non-retryable: a Deployment exceeded its progress deadline; its controller
   * gave up, so waiting longer cannot help.
   */
  public static final String ROLLOUT_STUCK = "RolloutStuck";

  /**
   * Kubernetes, thrown non-retryable: a pod of the workload being rolled crash-loops (its container
   * waits in CrashLoopBackOff, or restarted again and again without becoming ready); waiting longer
   * cannot help, the image or its configuration must change.
   */
  public static final String POD_CRASH_LOOP = "PodCrashLoop";

  /**
   * Kubernetes: something that should exist does not (yet), for example a Service being created.
   */
  public static final String NOT_READY = "NotReady";

  /** Infinispan: the grid did not answer (connection refused, timeout). */
  public static final String GRID_UNREACHABLE = "GridUnreachable";

  /** Infinispan: the server answered with a 5xx the caller cannot interpret. */
  public static final String INFINISPAN_SERVER_ERROR = "InfinispanServerError";

  /** Infinispan: the cluster did not become whole and healthy in time. */
  public static final String CLUSTER_NOT_HEALTHY = "ClusterNotHealthy";

  /** The Service of a grid does not exist (yet). */
  public static final String SERVICE_NOT_FOUND = "ServiceNotFound";

  /**
   * The Kubernetes API refused the agent a call (403): its RBAC lacks a rule; the message names the
   * verb, resource, namespace and the rule to add. Never retried.
   */
  public static final String KUBERNETES_FORBIDDEN = "KubernetesForbidden";

  /** Reading a grid's Service or Secret from Kubernetes failed. */
  public static final String KUBERNETES_UNAVAILABLE = "KubernetesUnavailable";

  /**
   * Hazelcast: one wait for the cluster to become whole and safe timed out (the activity is
   * retried; the workflow asks a person once the retries are spent). Not {@link #ROLL_HALTED}.
   */
  public static final String CLUSTER_NOT_SAFE = "ClusterNotSafe";

  /** Hazelcast: the client could not reach the members. */
  public static final String MEMBERS_UNREACHABLE = "MembersUnreachable";

  /** A webhook could not be reached or answered 5xx/429; the notification is retried. */
  public static final String WEBHOOK_UNAVAILABLE = "WebhookUnavailable";

  /** A webhook refused the message (4xx other than 408/429); the notification is not retried. */
  public static final String WEBHOOK_REJECTED = "WebhookRejected";

  /** Failure types an activity never retries. */
  public static final List<String> NON_RETRYABLE =
      List.of(
          INVALID_REQUEST,
          GRID_NOT_FOUND,
          CACHE_NOT_FOUND,
          UNSAFE_CONFIGURATION,
          UNSUPPORTED_VERSION,
          DATA_MISMATCH,
          WRITE_PROBE_FAILED,
          SECRET_NOT_FOUND,
          CLAIM_CONFLICT,
          OWNED_BY_ANOTHER_TOOL,
          POD_CRASH_LOOP,
          KUBERNETES_FORBIDDEN);

  private FailureTypes() {}
}
