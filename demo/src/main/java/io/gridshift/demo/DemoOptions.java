package io.gridshift.demo;

import java.nio.file.Path;

/**
 * Options of {@code ./gridshift demo <kind>}.
 *
 * @param kind the grid kind ({@code infinispan} or {@code hazelcast})
 * @param approveAll {@code --yes}: approve every gate as user {@code demo}
 * @param report {@code --report FILE}: write the JSON report there
 * @param entries {@code --entries N}: entries loaded into the source, in all (default 100000)
 * @param workDir where the sandbox keeps pods' files and logs ({@code --work-dir}, default
 *     .gridshift/sandbox)
 * @param gridManifest {@code --grid-manifest FILE}: the user's own grid to try in the sandbox
 *     instead of the demo's, each object in the namespace it names (hazelcast: a StatefulSet or
 *     Deployment with its ConfigMap, judged by the preflight; infinispan: a StatefulSet, its
 *     Service and its ConfigMap with {@code infinispan.xml}, checked by {@link
 *     InfinispanGridManifest} before anything starts)
 * @param rate {@code --rate N}: the traffic probe's operations per second through the upgrade
 *     (default 200; 0 turns the probe off)
 * @param timeline {@code --timeline FILE}: write an HTML timeline of the upgrade there
 * @param baselineSeconds {@code --baseline SECONDS}: traffic measured before the upgrade starts
 *     (default 10)
 * @param sandbox {@code --sandbox DIR}: run on the sandbox {@code ./gridshift sandbox up} runs in
 *     DIR instead of starting one (null: start one in {@code workDir})
 * @param hazelcastVersions the hazelcast demo's {@code --from}/{@code --to} (null for others)
 * @param secure {@code --secure}: Temporal over mutual TLS, payloads encrypted, grids over TLS,
 *     approvals signed by the REST service and the agent's RBAC enforced by the Kubernetes API
 */
public record DemoOptions(
    String kind,
    boolean approveAll,
    Path report,
    int entries,
    Path workDir,
    Path gridManifest,
    int rate,
    Path timeline,
    int baselineSeconds,
    Path sandbox,
    boolean secure,
    InfinispanDemoVersions versions,
    HazelcastDemoVersions hazelcastVersions) {

  static final int DEFAULT_RATE = 200;
  static final Path DEFAULT_WORK_DIR = Path.of(".gridshift", "sandbox");
  static final int DEFAULT_BASELINE_SECONDS = 10;

  static final String USAGE =
      """
      usage: ./gridshift demo fleet [--yes] [--report FILE] [--timeline FILE]   (./gridshift demo fleet --help)
             ./gridshift demo infinispan|hazelcast [--yes] [--report FILE] [--timeline FILE]
                        [--entries N] [--rate OPS] [--baseline SECONDS]
                        [--work-dir DIR | --sandbox DIR] [--grid-manifest FILE] [--secure]
             ./gridshift demo infinispan|hazelcast ... [--from VERSION] [--to VERSION]
        --yes          approve every gate as user 'demo' (otherwise the demo waits and prints the
                       command that approves each gate)
        --report FILE  write a JSON report (workflowId, status, steps, caches, approvals,
                       traffic, overhead)
        --timeline FILE  write an HTML timeline: steps, gates, client latency and errors
        --entries N    entries loaded into the source grid, in all (default 100000)
        --rate OPS     traffic probe: client operations per second through the whole upgrade,
                       half reads, half writes, every acknowledged write checked at the end
                       (default 200; 0 turns the probe off)
        --baseline SECONDS  traffic measured before the upgrade starts (default 10)
        --work-dir DIR where the demo's own sandbox keeps its files (default .gridshift/sandbox)
        --sandbox DIR  run on the sandbox `./gridshift sandbox up` runs in DIR (usually
                       .gridshift/sandbox) instead of starting one; it keeps running afterwards
        --grid-manifest FILE  your own grid instead of the demo's, created in the namespaces it
                       names (default when none): hazelcast, a StatefulSet/Deployment judged by
                       the preflight; infinispan, a StatefulSet, its Service and its ConfigMap
                       (infinispan.xml, whose caches are loaded), e.g.
                       deploy/examples/infinispan-statefulset.yaml
        --from VERSION (infinispan) the source grid's version, as Maven Central names it
                       (default 14.0.28.Final; with --grid-manifest, the manifest's image tag)
        --to VERSION   (infinispan) the version to upgrade to (default 15.0.21.Final)
        --from/--to    (hazelcast) the open-source versions (default 5.3.6 -> 5.3.8, a rolling
                       upgrade); a later minor, e.g. --from 5.3.8 --to 5.5.0, goes blue-green:
                       a new cluster beside the old, the maps copied, the probe's writes paused
                       at gate writes-paused until the Service has switched
        --secure       the production settings: Temporal over mutual TLS, payloads encrypted,
                       grids over TLS, approvals only through the REST service (signed, four-eyes)
                       and the agent's RBAC enforced; the report's "security" says what held""";

  /** These options with the traffic probe off (for a grid that never came up). */
  DemoOptions withoutTraffic() {
    return new DemoOptions(
        kind,
        approveAll,
        report,
        entries,
        workDir,
        gridManifest,
        0,
        timeline,
        baselineSeconds,
        sandbox,
        secure,
        versions,
        hazelcastVersions);
  }

  /** Parses the demo's arguments; throws IllegalArgumentException with the usage on bad input. */
  public static DemoOptions parse(String[] args) {
    String kind = null;
    boolean yes = false;
    Path report = null;
    int entries = 100_000;
    Path workDir = DEFAULT_WORK_DIR;
    Path sandbox = null;
    boolean workDirGiven = false;
    Path manifest = null;
    int rate = DEFAULT_RATE;
    Path timeline = null;
    int baseline = DEFAULT_BASELINE_SECONDS;
    boolean secure = false;
    String from = null;
    String to = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--yes", "-y" -> yes = true;
        case "--secure" -> secure = true;
        case "--report" -> report = Path.of(value(args, ++i, "--report"));
        case "--entries" ->
            entries = number(value(args, ++i, "--entries"), "--entries", 1, 10_000_000);
        case "--work-dir" -> {
          workDir = Path.of(value(args, ++i, "--work-dir"));
          workDirGiven = true;
        }
        case "--sandbox" -> sandbox = Path.of(value(args, ++i, "--sandbox"));
        case "--grid-manifest" -> manifest = Path.of(value(args, ++i, "--grid-manifest"));
        case "--from" -> from = value(args, ++i, "--from");
        case "--to" -> to = value(args, ++i, "--to");
        case "--timeline" -> timeline = Path.of(value(args, ++i, "--timeline"));
        case "--rate" -> rate = number(value(args, ++i, "--rate"), "--rate", 0, 5000);
        case "--baseline" ->
            baseline = number(value(args, ++i, "--baseline"), "--baseline", 1, 600);
        default -> {
          if (args[i].startsWith("-") || kind != null) {
            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'\n" + USAGE);
          }
          kind = args[i];
        }
      }
    }
    if (kind == null) {
      throw new IllegalArgumentException("which demo? \n" + USAGE);
    }
    if (!kind.equals("infinispan") && !kind.equals("hazelcast")) {
      throw new IllegalArgumentException(
          "unknown demo '" + kind + "'; demos: infinispan, hazelcast, fleet\n" + USAGE);
    }
    if (manifest != null && !java.nio.file.Files.isReadable(manifest)) {
      throw new IllegalArgumentException("--grid-manifest " + manifest + " is not a readable file");
    }
    if ((from != null || to != null) && manifest != null && kind.equals("hazelcast")) {
      throw new IllegalArgumentException(
          "--from and --to are for the hazelcast demo's own grid; with --grid-manifest the"
              + " manifest's image is the source\n"
              + USAGE);
    }
    if (sandbox != null && workDirGiven) {
      throw new IllegalArgumentException(
          "--work-dir is for a sandbox the demo starts; with --sandbox it runs on that one\n"
              + USAGE);
    }
    if (secure && sandbox != null) {
      throw new IllegalArgumentException(
          "--secure starts its own sandbox with TLS, encryption and RBAC; drop --sandbox\n"
              + USAGE);
    }
    if (secure && manifest != null) {
      throw new IllegalArgumentException(
          "--secure runs the demo's own grid over TLS; drop --grid-manifest (or --secure)\n"
              + USAGE);
    }
    if (manifest != null && kind.equals("hazelcast")) {
      HazelcastDemoGrid.workloadOf(GridManifest.read(manifest)); // refused now, not half-way
    }
    InfinispanDemoVersions versions =
        kind.equals("infinispan") ? infinispanVersions(manifest, from, to) : null;
    HazelcastDemoVersions hazelcastVersions =
        kind.equals("hazelcast") ? HazelcastDemoVersions.of(from, to) : null;
    return new DemoOptions(
        kind,
        yes,
        report,
        entries,
        workDir,
        manifest,
        rate,
        timeline,
        baseline,
        sandbox,
        secure,
        versions,
        hazelcastVersions);
  }

  /**
   * The Infinispan demo's versions: {@code --from} (or, with a manifest, its image tag, which
   * {@code --from} may only repeat) to {@code --to}; the manifest is read and checked here so that
   * a bad one is refused before anything starts.
   */
  private static InfinispanDemoVersions infinispanVersions(Path manifest, String from, String to) {
    if (manifest == null) {
      return InfinispanDemoVersions.of(from, "--from", to);
    }
    InfinispanGridManifest grid = InfinispanGridManifest.read(manifest);
    if (from != null && !from.equals(grid.sourceVersion())) {
      throw new IllegalArgumentException(
          "--from "
              + from
              + " but the pods of "
              + manifest
              + " run "
              + grid.sourceVersion()
              + " (their image tag): drop --from, or change the image tag");
    }
    return InfinispanDemoVersions.of(
        grid.sourceVersion(), "the image tag of StatefulSet " + grid.name(), to);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static int number(String text, String option, int min, int max) {
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        option + " must be a number from " + min + " to " + max + ", not '" + text + "'");
  }
}
