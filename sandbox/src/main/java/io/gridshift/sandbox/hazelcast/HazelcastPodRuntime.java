package io.gridshift.sandbox.hazelcast;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.gridshift.sandbox.kube.PodContext;
import io.gridshift.sandbox.kube.PodInputs;
import io.gridshift.sandbox.kube.PodRuntime;
import io.gridshift.sandbox.kube.RunningPod;
import io.gridshift.sandbox.tls.TlsSidecar;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs Hazelcast pods as real Hazelcast members (see {@link HazelcastMember}). It handles images
 * whose repository names {@code hazelcast} and whose tag is a version it knows, so a typo fails the
 * pod at once instead of after a download. The member is built from the pod the way the image and
 * the Helm chart would configure it:
 *
 * <ul>
 *   <li>version: the image tag; bind address: the pod IP; port: the container port named {@code
 *       hazelcast}, else 5701;
 *   <li>config: {@code hazelcast.yaml} (or {@code hazelcast.yml}) from the first mounted ConfigMap
 *       holding it, its network made to work on loopback ({@link HazelcastPodConfig}): tcp-ip over
 *       every pod of the workload that has an address; without one, {@link
 *       HazelcastMember#sandboxConfig(int) sandboxConfig(1)}. XML configs are not supported: a
 *       ConfigMap holding only {@code hazelcast.xml} fails the pod with a message saying so;
 *   <li>cluster name: {@code HZ_CLUSTERNAME}, else the config's, else Hazelcast's default {@code
 *       dev} (as a real member would; tcp-ip lists keep two workloads apart anyway);
 *   <li>JVM options: the container's {@code JAVA_OPTS} (so {@code
 *       -Dhazelcast.shutdownhook.policy=GRACEFUL} takes effect on SIGTERM), minus the config path,
 *       heap sizing and network overrides; environment: the container's, references resolved;
 *   <li>files: {@code <sandbox>/pods/<namespace>/<pod>};
 *   <li>TLS: a pod annotated {@value
 *       io.gridshift.activities.hazelcast.MemberTls#SIDECAR_PORT_ANNOTATION} gets a TLS sidecar on
 *       that port in front of the member port, as a mesh would inject ({@link HazelcastMeshTls}).
 * </ul>
 */
public final class HazelcastPodRuntime implements PodRuntime {
  /** Hazelcast's own default cluster name. */
  public static final String DEFAULT_CLUSTER_NAME = "dev";

  /** Versions the sandbox runs for real (open source, on Maven Central; RUNTIME.md). */
  public static final Set<String> KNOWN_VERSIONS =
      Set.of("5.3.6", "5.3.7", "5.3.8", "5.4.0", "5.5.0");

  static final int DEFAULT_PORT = 5701;
  static final String PORT_NAME = "hazelcast";

  private final Set<String> versions;
  private final HazelcastMeshTls mesh = new HazelcastMeshTls();

  /** The known versions. */
  public HazelcastPodRuntime() {
    this(KNOWN_VERSIONS);
  }

  public HazelcastPodRuntime(Set<String> versions) {
    this.versions = new TreeSet<>(versions);
  }

  @Override
  public boolean handles(Pod pod) {
    return version(pod) != null;
  }

  @Override
  public String describe() {
    return "images whose repository contains 'hazelcast' with tag " + String.join(" | ", versions);
  }

  /** The image's version if this runtime runs it, else null. */
  String version(Pod pod) {
    if (pod.getSpec() == null || pod.getSpec().getContainers().isEmpty()) {
      return null;
    }
    String image = pod.getSpec().getContainers().get(0).getImage();
    if (image == null || image.contains("@")) {
      return null; // digests name no version
    }
    int colon = image.lastIndexOf(':');
    if (colon < 0 || colon < image.lastIndexOf('/')) {
      return null;
    }
    String repository = image.substring(0, colon).toLowerCase(Locale.ROOT);
    String tag = image.substring(colon + 1);
    return repository.contains("hazelcast") && versions.contains(tag) ? tag : null;
  }

  @Override
  public RunningPod start(PodContext context) throws IOException {
    HazelcastMemberSpec spec = spec(context);
    OptionalInt tlsPort = HazelcastMeshTls.requestedPort(context.pod());
    TlsSidecar sidecar =
        tlsPort.isPresent() ? mesh.inject(context, tlsPort.getAsInt(), spec.port()) : null;
    try {
      return new Running(HazelcastMember.start(spec), sidecar);
    } catch (IOException | RuntimeException e) {
      if (sidecar != null) {
        sidecar.close();
      }
      throw e;
    }
  }

  HazelcastMemberSpec spec(PodContext context) {
    PodInputs inputs = new PodInputs(context);
    int port = inputs.port(PORT_NAME, DEFAULT_PORT);
    List<String> members = new ArrayList<>();
    for (String peer : inputs.peerIps()) {
      members.add(peer + ":" + port);
    }
    members.add(context.podIp() + ":" + port);
    String userYaml = userYaml(context, inputs).orElse(null);
    String clusterName = userYaml == null ? null : HazelcastPodConfig.clusterName(userYaml);
    String fromEnv = inputs.env().get("HZ_CLUSTERNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      clusterName = fromEnv;
    } else if (clusterName == null) {
      clusterName = DEFAULT_CLUSTER_NAME;
    }
    String configYaml =
        userYaml == null
            ? null
            : HazelcastPodConfig.loopback(userYaml, clusterName, context.podIp(), port, members);
    Map<String, String> env = inputs.env();
    return new HazelcastMemberSpec(
        version(context.pod()),
        context.sandboxDir().resolve("pods").resolve(context.namespace()).resolve(context.name()),
        context.podIp(),
        port,
        clusterName,
        members,
        configYaml,
        HazelcastPodConfig.jvmOptions(env.get("JAVA_OPTS")),
        HazelcastPodConfig.env(env));
  }

  private static Optional<String> userYaml(PodContext context, PodInputs inputs) {
    for (String key : List.of("hazelcast.yaml", "hazelcast.yml")) {
      Optional<ConfigMap> map = inputs.mountedConfigMapWithKey(key);
      if (map.isPresent()) {
        return Optional.of(map.get().getData().get(key));
      }
    }
    if (inputs.mountedConfigMapWithKey("hazelcast.xml").isPresent()) {
      throw new IllegalStateException(
          "pod "
              + context.namespace()
              + "/"
              + context.name()
              + " mounts a hazelcast.xml; the sandbox runs Hazelcast from YAML configs only:"
              + " put the same configuration under the key hazelcast.yaml");
    }
    return Optional.empty();
  }

  /**
   * A started member and its TLS sidecar (or null); ready when {@code /hazelcast/health/ready}
   * answers 200. The sidecar stops after the member, so a graceful shutdown stays observable over
   * TLS to its end.
   */
  private record Running(HazelcastMember member, TlsSidecar sidecar) implements RunningPod {
    @Override
    public boolean isAlive() {
      return member.isAlive();
    }

    @Override
    public boolean isReady() {
      return member.isReady() && (sidecar == null || sidecar.isListening());
    }

    @Override
    public void stop(Duration grace) {
      try {
        member.stop(grace);
      } finally {
        if (sidecar != null) {
          sidecar.close();
        }
      }
    }
  }
}
