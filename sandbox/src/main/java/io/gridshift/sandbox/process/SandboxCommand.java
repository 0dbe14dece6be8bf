package io.gridshift.sandbox.process;

import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.sandbox.temporal.TemporalTransport;
import io.gridshift.sandbox.temporal.ui.UiServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One {@code ./gridshift sandbox ...} command line, parsed and checked before anything runs.
 *
 * @param verb {@code up}, {@code down}, {@code status}, or {@code run} (the background process
 *     itself, started by {@code up})
 * @param dir the sandbox directory ({@code --dir}, default {@value #DEFAULT_DIR})
 * @param clusters the clusters' names ({@code --clusters N} or {@code --clusters a,b,c}); one,
 *     {@value SandboxOptions#DEFAULT_CLUSTER}, by default
 * @param temporalPort {@code --temporal-port} (default 7233; 0: any free port)
 * @param kubePort {@code --kube-port}, the first cluster's API port (default 7443, the next
 *     clusters take the ports after it; 0: any free port)
 * @param temporalTransport {@code --temporal-tls plain|tls|mtls} (default plain)
 * @param uiPort {@code --ui-port}, the Temporal UI server's port (default 8233; 0: any free port)
 * @param codecEndpoint {@code --codec-endpoint}, the remote payload codec the UI decodes payloads
 *     with (e.g. the REST service's {@code http://127.0.0.1:8080/codec}); empty: none
 */
public record SandboxCommand(
    String verb,
    Path dir,
    List<String> clusters,
    int temporalPort,
    int kubePort,
    TemporalTransport temporalTransport,
    int uiPort,
    String codecEndpoint) {
  /** Where the sandbox lives unless {@code --dir} says otherwise: the demos' directory too. */
  public static final String DEFAULT_DIR = ".gridshift/sandbox";

  static final String USAGE =
      """
      usage: ./gridshift sandbox up [--clusters N | --clusters a,b,c] [--dir DIR]
                                    [--temporal-port PORT] [--kube-port PORT]
                                    [--temporal-tls plain|tls|mtls]
                                    [--ui-port PORT] [--codec-endpoint URL]
             ./gridshift sandbox status [--dir DIR]
             ./gridshift sandbox down [--dir DIR]
        up       start the local world (Temporal and its UI, Kubernetes API per cluster,
                 controllers, kubelet, Service routing) as a background process; print how to
                 reach it
        status   whether a sandbox is up in DIR, and how to reach it (exit 0 up, 3 not up)
        down     stop it (its pods' servers too) and wait until its ports are free
        --dir DIR        its directory: state (sandbox.json), log (sandbox.log), kubeconfig,
                         worker config (worker.yaml), pods' files (default .gridshift/sandbox)
        --clusters N     N clusters (sandbox-1 .. sandbox-N; default one, named sandbox), or
                   a,b,c the clusters' names (DNS labels; the first is the demos' cluster)
        --temporal-port  Temporal's port (default 7233; 0 = any free port)
        --kube-port      the first cluster's Kubernetes API port (default 7443, the next
                         clusters 7444, ...; 0 = any free port)
        --temporal-tls   tls: Temporal over TLS only (a CA and certificates made in
                         DIR/temporal-tls; worker.yaml carries them); mtls: clients must
                         also present a certificate (default plain)
        --ui-port        the Temporal UI's port (default 8233; 0 = any free port)
        --codec-endpoint the payload codec the UI decodes payloads with, e.g. the REST
                         service's http://127.0.0.1:8080/codec (default: none)
      exit codes: 0 done (status: up), 1 failed, 2 bad command line, 3 (status) not up""";

  public SandboxCommand {
    clusters = List.copyOf(clusters);
    temporalTransport = temporalTransport == null ? TemporalTransport.PLAIN : temporalTransport;
    codecEndpoint = codecEndpoint == null ? "" : codecEndpoint;
    checkCodecEndpoint(codecEndpoint);
    // The same rules as the sandbox itself, so that `up` refuses before it launches anything.
    new SandboxOptions(dir, temporalPort, kubePort, clusters);
  }

  /** Parses {@code args} (the verb first); an IllegalArgumentException with the usage if wrong. */
  public static SandboxCommand parse(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("sandbox what?\n" + USAGE);
    }
    String verb = args[0];
    if (!List.of("up", "down", "status", "run").contains(verb)) {
      throw new IllegalArgumentException("unknown sandbox command '" + verb + "'\n" + USAGE);
    }
    Path dir = Path.of(DEFAULT_DIR);
    List<String> clusters = List.of(SandboxOptions.DEFAULT_CLUSTER);
    int temporalPort = SandboxOptions.DEFAULT_TEMPORAL_PORT;
    int kubePort = SandboxOptions.DEFAULT_KUBE_PORT;
    TemporalTransport transport = TemporalTransport.PLAIN;
    int uiPort = UiServer.DEFAULT_PORT;
    String codecEndpoint = "";
    boolean starts = verb.equals("up") || verb.equals("run");
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      if (!option.equals("--dir") && !starts) {
        throw new IllegalArgumentException(
            "'sandbox " + verb + "' takes only --dir, not '" + option + "'\n" + USAGE);
      }
      switch (option) {
        case "--dir" -> dir = Path.of(value(args, ++i, option));
        case "--clusters" -> clusters = clusters(value(args, ++i, option));
        case "--temporal-port" -> temporalPort = port(value(args, ++i, option), option);
        case "--kube-port" -> kubePort = port(value(args, ++i, option), option);
        case "--temporal-tls" -> transport = TemporalTransport.fromOption(value(args, ++i, option));
        case "--ui-port" -> uiPort = port(value(args, ++i, option), option);
        case "--codec-endpoint" -> codecEndpoint = value(args, ++i, option);
        default -> throw new IllegalArgumentException("unknown option '" + option + "'\n" + USAGE);
      }
    }
    try {
      return new SandboxCommand(
          verb, dir, clusters, temporalPort, kubePort, transport, uiPort, codecEndpoint);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + "\n" + USAGE, e);
    }
  }

  /**
   * {@code N} (a number): one cluster is {@value SandboxOptions#DEFAULT_CLUSTER}, as the demos know
   * it; more are {@code sandbox-1 .. sandbox-N}. Otherwise a comma-separated list of names.
   */
  static List<String> clusters(String text) {
    if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
      int n = Integer.parseInt(text.length() > 4 ? "99999" : text);
      if (n < 1 || n > SandboxOptions.MAX_CLUSTERS) {
        throw new IllegalArgumentException(
            "--clusters must be from 1 to " + SandboxOptions.MAX_CLUSTERS + ", not " + text);
      }
      return n == 1
          ? List.of(SandboxOptions.DEFAULT_CLUSTER)
          : IntStream.rangeClosed(1, n).mapToObj(i -> "sandbox-" + i).toList();
    }
    List<String> names = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
    if (names.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(
          "--clusters '" + text + "' has an empty name; give a number or names like eu-1,us-1");
    }
    return names;
  }

  /** An absolute http(s) URL, as the UI's browser calls it; empty means none. */
  private static void checkCodecEndpoint(String url) {
    if (url.isEmpty()) {
      return;
    }
    try {
      java.net.URI uri = new java.net.URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return;
      }
    } catch (java.net.URISyntaxException e) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException(
        "--codec-endpoint must be an http(s) URL such as http://127.0.0.1:8080/codec, not '"
            + url
            + "'");
  }

  private static int port(String text, String option) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException(
        option + " must be a port from 0 to 65535 (0: any free port), not '" + text + "'");
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  /** What the sandbox is started with. */
  public SandboxOptions options() {
    return new SandboxOptions(dir, temporalPort, kubePort, clusters)
        .withTemporalTransport(temporalTransport);
  }

  /**
   * The ports {@code up} needs free, each with what takes it: Temporal's and every cluster's API
   * (none of those chosen by the system).
   */
  Map<Integer, String> fixedPorts() {
    Map<Integer, String> ports = new LinkedHashMap<>();
    if (temporalPort != 0) {
      ports.put(temporalPort, "Temporal");
    }
    if (kubePort != 0) {
      for (int i = 0; i < clusters.size(); i++) {
        ports.put(kubePort + i, "the Kubernetes API of cluster " + clusters.get(i));
      }
    }
    if (uiPort != 0) {
      ports.put(uiPort, "the Temporal UI");
    }
    return ports;
  }

  /** The arguments of the background process, {@code run} with these options. */
  List<String> runArguments() {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                "--dir",
                dir.toAbsolutePath().normalize().toString(),
                "--clusters",
                String.join(",", clusters),
                "--temporal-port",
                String.valueOf(temporalPort),
                "--kube-port",
                String.valueOf(kubePort),
                "--temporal-tls",
                temporalTransport.option(),
                "--ui-port",
                String.valueOf(uiPort)));
    if (!codecEndpoint.isEmpty()) {
      args.addAll(List.of("--codec-endpoint", codecEndpoint));
    }
    return args;
  }
}
