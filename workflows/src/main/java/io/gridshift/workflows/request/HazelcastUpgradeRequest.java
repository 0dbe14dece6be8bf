package io.gridshift.workflows.request;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.Durations;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.ImageRefs;
import io.gridshift.workflows.common.Limits;
import io.gridshift.workflows.common.Names;
import io.gridshift.workflows.common.Ownership;
import io.gridshift.workflows.common.RequestProblems;
import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.hazelcast.HazelcastEdition;
import io.gridshift.workflows.hazelcast.HazelcastGates;
import io.gridshift.workflows.hazelcast.HazelcastKind;
import io.gridshift.workflows.hazelcast.HazelcastReleases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks for a paced rolling upgrade of one Hazelcast cluster. Only {@code cluster}, {@code grid} and
 * {@code targetVersion} are required; {@link #withDefaults()} fills in the rest and {@link
 * #problems()} lists what is wrong, each saying what to do.
 *
 * @param cluster where the grid runs
 * @param grid the StatefulSet (preferred) or Deployment running the members
 * @param workloadKind STATEFULSET (default) or DEPLOYMENT
 * @param targetVersion e.g. {@code 5.3.8}: exactly a release of the edition ({@link
 *     HazelcastReleases})
 * @param targetImage default: the current image's repository with {@code targetVersion} as tag;
 *     when given, its tag must be {@code targetVersion} ({@link ImageRefs})
 * @param container the Hazelcast container; default the one whose image contains "hazelcast", else
 *     the first
 * @param port member port serving REST/health; default 5701
 * @param edition OPEN_SOURCE (default) or ENTERPRISE
 * @param fixUnsafeSettings when true, unsafe settings the preflight finds are fixed first (behind
 *     gate fix-settings), by a first safe roll; default false: the preflight refuses
 * @param canary when true, gate canary opens after the first pod runs the new version; default
 *     false
 * @param podTimeout how long one pod may take to become Ready and the cluster safe; default {@code
 *     10m}
 * @param gates policy per gate ({@link HazelcastGates}); a gate not listed requires approval
 * @param fourEyes when true, the requester cannot approve their own upgrade
 * @param requestedBy who asked, at most 256 characters
 * @param dryRun when true, the workflow returns the plan and the preflight's verdict and changes
 *     nothing
 * @param ownership what to do when another tool manages the workload (the Hazelcast Platform
 *     Operator, Helm, Argo CD, Flux): {@code RESPECT} (default) refuses in the plan, saying how to
 *     upgrade it through that tool; {@code TAKE_OVER} proceeds, recorded in the audit log ({@link
 *     Ownership})
 */
@JsonTypeName(HazelcastKind.NAME)
public record HazelcastUpgradeRequest(
    ClusterRef cluster,
    String grid,
    WorkloadKind workloadKind,
    String targetVersion,
    String targetImage,
    String container,
    Integer port,
    HazelcastEdition edition,
    Boolean fixUnsafeSettings,
    Boolean canary,
    String podTimeout,
    Map<String, GatePolicy> gates,
    Boolean fourEyes,
    String requestedBy,
    Boolean dryRun,
    Ownership ownership)
    implements UpgradeRequest {

  /** A request without {@code ownership} (an owned workload is refused). */
  public HazelcastUpgradeRequest(
      ClusterRef cluster,
      String grid,
      WorkloadKind workloadKind,
      String targetVersion,
      String targetImage,
      String container,
      Integer port,
      HazelcastEdition edition,
      Boolean fixUnsafeSettings,
      Boolean canary,
      String podTimeout,
      Map<String, GatePolicy> gates,
      Boolean fourEyes,
      String requestedBy,
      Boolean dryRun) {
    this(
        cluster,
        grid,
        workloadKind,
        targetVersion,
        targetImage,
        container,
        port,
        edition,
        fixUnsafeSettings,
        canary,
        podTimeout,
        gates,
        fourEyes,
        requestedBy,
        dryRun,
        null);
  }

  /** Default member port (REST/health and client protocol). */
  public static final int DEFAULT_PORT = 5701;

  /** Default time one pod may take to come back Ready with the cluster safe. */
  public static final String DEFAULT_POD_TIMEOUT = "10m";

  /**
   * The longest podTimeout: one wait must fit in a long-wait activity attempt (30 minutes, see
   * {@link io.gridshift.workflows.common.ActivityOptionsProfiles#LONG_START_TO_CLOSE}).
   */
  public static final Duration MAX_POD_TIMEOUT = Duration.ofMinutes(30);

  /** A request with every optional field at its default. */
  public static HazelcastUpgradeRequest of(ClusterRef cluster, String grid, String targetVersion) {
    return new HazelcastUpgradeRequest(
        cluster,
        grid,
        null,
        targetVersion,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Override
  public List<String> gateNames() {
    return HazelcastGates.ALL;
  }

  @Override
  public List<String> questionGates() {
    return List.of(HazelcastGates.RESUME_OR_ROLLBACK);
  }

  /**
   * This request with defaults applied (the one place defaults live). {@code targetImage} and
   * {@code container} stay null until the workload is read: see {@link #targetImageFor(String)}.
   */
  public HazelcastUpgradeRequest withDefaults() {
    Map<String, GatePolicy> allGates = GatePolicy.everyGate(gates, gateNames());
    return new HazelcastUpgradeRequest(
        cluster == null ? new ClusterRef(null, null) : cluster,
        grid,
        workloadKind == null ? WorkloadKind.STATEFULSET : workloadKind,
        targetVersion,
        blankToNull(targetImage),
        blankToNull(container),
        port == null ? DEFAULT_PORT : port,
        edition == null ? HazelcastEdition.OPEN_SOURCE : edition,
        fixUnsafeSettings != null && fixUnsafeSettings,
        canary != null && canary,
        podTimeout == null || podTimeout.isBlank() ? DEFAULT_POD_TIMEOUT : podTimeout,
        Map.copyOf(allGates),
        fourEyes != null && fourEyes,
        requestedBy == null || requestedBy.isBlank() ? "unknown" : requestedBy,
        dryRun != null && dryRun,
        ownership == null ? Ownership.RESPECT : ownership);
  }

  /** The target image given the current image: {@code targetImage}, or its repository re-tagged. */
  public String targetImageFor(String currentImage) {
    if (targetImage != null && !targetImage.isBlank()) {
      return targetImage;
    }
    return Versions.imageRepository(currentImage) + ":" + targetVersion;
  }

  /** {@code podTimeout} in whole seconds; call on a valid request. */
  public int podTimeoutSeconds() {
    return (int) Durations.parse(podTimeout).toSeconds();
  }

  /**
   * Every problem found in the request alone (no cluster consulted), each saying what to do. Call
   * on the result of {@link #withDefaults()}.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>(cluster.problems("cluster"));
    if (grid == null || grid.isBlank()) {
      problems.add("grid is required: the name of the Hazelcast StatefulSet or Deployment");
    } else {
      RequestProblems.add(
          problems,
          workloadKind == WorkloadKind.DEPLOYMENT
              ? Names.labelProblem("grid", "Deployment name", grid)
              : Names.statefulSetProblem("grid", grid));
    }
    problems.addAll(versionProblems());
    if (container != null) {
      RequestProblems.add(problems, Names.labelProblem("container", "container name", container));
    }
    RequestProblems.add(problems, Limits.identityProblem("requestedBy", requestedBy));
    RequestProblems.port(problems, port);
    problems.addAll(podTimeoutProblems());
    problems.addAll(RequestProblems.gates(gates, HazelcastGates.ALL));
    GatePolicy resume = gates.get(HazelcastGates.RESUME_OR_ROLLBACK);
    if (resume != null && resume.approval() == GatePolicy.Approval.AUTO) {
      problems.add(
          "gates."
              + HazelcastGates.RESUME_OR_ROLLBACK
              + " cannot be AUTO: resuming or rolling back a stuck roll is a person's decision;"
              + " remove it from gates or set approval REQUIRED");
    }
    return problems;
  }

  /** targetVersion: a release of the edition; targetImage, when given, tagged with it. */
  private List<String> versionProblems() {
    if (targetVersion == null || targetVersion.isBlank()) {
      return List.of("targetVersion is required, e.g. 5.3.8");
    }
    String version = HazelcastReleases.problem("targetVersion", targetVersion, edition);
    if (version != null) {
      return List.of(version);
    }
    String image = ImageRefs.problem("targetImage", targetImage, targetVersion);
    return image == null ? List.of() : List.of(image);
  }

  private List<String> podTimeoutProblems() {
    if (!Durations.isValid(podTimeout)) {
      return List.of(
          "podTimeout '"
              + Limits.abbreviate(podTimeout)
              + "' is not a duration; use e.g. 5m or PT10M");
    }
    Duration d = Durations.parse(podTimeout);
    if (d.compareTo(Duration.ofSeconds(10)) < 0 || d.compareTo(MAX_POD_TIMEOUT) > 0) {
      return List.of("podTimeout '" + podTimeout + "' must be between 10s and 30m");
    }
    return List.of();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
