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
 * @param gridManifest {@code --grid-manifest FILE} (hazelcast): the user's own StatefulSet or
 *     Deployment (with its ConfigMap) to try in the sandbox instead of the demo's, each object in
 *     the namespace it names; the preflight judges it
 * @param rate {@code --rate N}: the traffic probe's operations per second through the upgrade
 *     (default 200; 0 turns the probe off)
 * @param timeline {@code --timeline FILE}: write an HTML timeline of the upgrade there
 * @param baselineSeconds {@code --baseline SECONDS}: traffic measured before the upgrade starts
 *     (default 10)
 * @param sandbox {@code --sandbox DIR}: run on the sandbox {@code ./gridshift sandbox up} runs in
 *     DIR instead of starting one (null: start one in {@code workDir})
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
    boolean secure) {

  static final int DEFAULT_RATE = 200;
  static final Path DEFAULT_WORK_DIR = Path.of(".gridshift", "sandbox");
  static final int DEFAULT_BASELINE_SECONDS = 10;

  static final String USAGE =
      """
      usage: ./gridshift demo fleet [--yes] [--report FILE] [--timeline FILE]   (./gridshift demo fleet --help)
             ./gridshift demo infinispan|hazelcast [--yes] [--report FILE] [--timeline FILE]
                        [--entries N] [--rate OPS] [--baseline SECONDS]
                        [--work-dir DIR | --sandbox DIR] [--grid-manifest FILE] [--secure]
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
        --grid-manifest FILE  (hazelcast) your own StatefulSet/Deployment manifest instead of the
                       demo's, created in the namespaces it names (default when none);
                       the preflight judges it
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
        secure);
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
    if (manifest != null && !kind.equals("hazelcast")) {
      throw new IllegalArgumentException("--grid-manifest is for the hazelcast demo\n" + USAGE);
    }
    if (manifest != null && !java.nio.file.Files.isReadable(manifest)) {
      throw new IllegalArgumentException("--grid-manifest " + manifest + " is not a readable file");
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
    return new DemoOptions(
        kind, yes, report, entries, workDir, manifest, rate, timeline, baseline, sandbox, secure);
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
