package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.workflows.activities.GridEventReason;
import io.gridshift.workflows.activities.GridEventRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The core/v1 Events gridshift writes: how one is built and named, and how to read them back (the
 * demo's count, tests). Every one carries label {@value #MANAGED_BY}={@value #MANAGER} and the
 * workflow id in annotation {@value #WORKFLOW_ID}.
 */
public final class GridEvents {
  /** The label every gridshift Event carries, with value {@link #MANAGER}. */
  public static final String MANAGED_BY = GridLabels.MANAGED_BY;

  /** The value of {@link #MANAGED_BY}. */
  public static final String MANAGER = GridLabels.MANAGER;

  /** The annotation naming the upgrade's workflow id. */
  public static final String WORKFLOW_ID = "gridshift.io/workflow-id";

  /** The annotation naming the upgrade's run id (a grid upgraded again keeps its workflow id). */
  public static final String RUN_ID = "gridshift.io/run-id";

  /** The annotation numbering the Event within its run: the order things happened. */
  public static final String SEQUENCE = "gridshift.io/event-sequence";

  /** Kubernetes caps a name at 253 characters; ".<16 hex>" follows the workload's name. */
  private static final int MAX_NAME = 253;

  private static final int HASH_CHARS = 16;

  /** Longer messages are cut: {@code kubectl describe} shows one line per Event. */
  static final int MAX_MESSAGE = 1024;

  private GridEvents() {}

  /**
   * The Event {@code request} makes on {@code regarding}. Deterministic: the same request and
   * object give the same Event (name, times, message), so a retried write finds its own.
   */
  static Event of(GridEventRequest request, ObjectReference regarding) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name(request, regarding.getName()))
        .withNamespace(regarding.getNamespace())
        .addToLabels(MANAGED_BY, MANAGER)
        .addToAnnotations(WORKFLOW_ID, request.workflowId())
        .addToAnnotations(RUN_ID, request.runId())
        .addToAnnotations(SEQUENCE, Integer.toString(request.sequence()))
        .endMetadata()
        .withInvolvedObject(regarding)
        .withReason(request.reason())
        .withType(request.type())
        .withMessage(cut(request.message()))
        .withNewSource()
        .withComponent(GridEventReason.REPORTING_CONTROLLER)
        .endSource()
        .withReportingComponent(GridEventReason.REPORTING_CONTROLLER)
        .withReportingInstance(reportingInstance())
        .withFirstTimestamp(seconds(request.at()))
        .withLastTimestamp(seconds(request.at()))
        .withCount(1)
        .build();
  }

  /**
   * {@code <workload>.<hash>}, the hash of workflow id, run id, sequence number and workload: the
   * shape kubectl and controllers give Event names, unique per run and Event, the same on a retry.
   */
  static String name(GridEventRequest request, String workload) {
    String key =
        request.workflowId() + "\n" + request.runId() + "\n" + request.sequence() + "\n" + workload;
    String hash = sha256(key).substring(0, HASH_CHARS);
    String prefix = workload.substring(0, Math.min(workload.length(), MAX_NAME - HASH_CHARS - 1));
    return prefix + "." + hash;
  }

  /** Every Event gridshift wrote in {@code namespace}, oldest first. */
  public static List<Event> list(KubernetesClient client, String namespace) {
    return client
        .v1()
        .events()
        .inNamespace(namespace)
        .withLabel(MANAGED_BY, MANAGER)
        .list()
        .getItems()
        .stream()
        .sorted(OLDEST_FIRST)
        .toList();
  }

  /** How many Events gridshift wrote in {@code namespace} (the demo's {@code eventsWritten}). */
  public static int count(KubernetesClient client, String namespace) {
    return list(client, namespace).size();
  }

  /** The Events upgrade {@code workflowId} wrote in {@code namespace}, oldest first. */
  public static List<Event> ofWorkflow(
      KubernetesClient client, String namespace, String workflowId) {
    return list(client, namespace).stream()
        .filter(e -> workflowId.equals(e.getMetadata().getAnnotations().get(WORKFLOW_ID)))
        .toList();
  }

  private static final Comparator<Event> OLDEST_FIRST =
      Comparator.comparing((Event e) -> String.valueOf(e.getFirstTimestamp()))
          .thenComparing(e -> String.valueOf(e.getMetadata().getAnnotations().get(WORKFLOW_ID)))
          .thenComparingInt(GridEvents::sequence);

  /** The Event's number within its run (0 when it has none). */
  public static int sequence(Event e) {
    String n = e.getMetadata().getAnnotations().get(SEQUENCE);
    try {
      return n == null ? 0 : Integer.parseInt(n);
    } catch (NumberFormatException notOurs) {
      return 0;
    }
  }

  /** Kubernetes Event times are RFC 3339 to the second. */
  private static String seconds(String instant) {
    return Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The Events of one run of upgrade {@code workflowId} in {@code namespace}, in order. */
  public static List<Event> ofRun(
      KubernetesClient client, String namespace, String workflowId, String runId) {
    return ofWorkflow(client, namespace, workflowId).stream()
        .filter(e -> runId.equals(e.getMetadata().getAnnotations().get(RUN_ID)))
        .sorted(Comparator.comparingInt(GridEvents::sequence))
        .toList();
  }

  private static String cut(String message) {
    return message.length() <= MAX_MESSAGE
        ? message
        : message.substring(0, MAX_MESSAGE - 3) + "...";
  }

  /** Which gridshift process wrote it: the pod's name in a cluster. */
  private static String reportingInstance() {
    String host = System.getenv("HOSTNAME");
    return host == null || host.isBlank() ? GridEventReason.REPORTING_CONTROLLER : host;
  }

  private static String sha256(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
