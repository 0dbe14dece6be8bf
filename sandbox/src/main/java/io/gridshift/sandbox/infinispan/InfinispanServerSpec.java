package io.gridshift.sandbox.infinispan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One Infinispan server process to launch on loopback.
 *
 * @param version server version, e.g. {@code 15.0.21.Final} (resolved by {@link
 *     InfinispanDistributions})
 * @param serverRoot the server's root ({@code conf/}, {@code data/}, {@code log/}); kept across
 *     restarts like a pod's volume; its last path segment is the node name
 * @param bindAddress loopback address for every socket of the server, e.g. {@code 127.0.10.1}
 * @param port single endpoint port (Hot Rod and REST)
 * @param clusterName JGroups cluster name; distinct names keep source and target apart
 * @param initialHosts TCPPING members, e.g. {@code 127.0.1.2[7800]}
 * @param jgroupsPort JGroups TCP port on {@code bindAddress}
 * @param configXml {@code conf/infinispan.xml} content; null for {@code
 *     InfinispanServer.sandboxConfig(false)}
 * @param confFiles extra files for {@code conf/} (name to content), e.g. {@code users.properties}
 * @param env extra environment of the process, e.g. {@code GRIDSHIFT_SOURCE_PASSWORD}
 * @param tls the endpoint's TLS identity, or null for plain HTTP and Hot Rod
 */
public record InfinispanServerSpec(
    String version,
    Path serverRoot,
    String bindAddress,
    int port,
    String clusterName,
    List<String> initialHosts,
    int jgroupsPort,
    String configXml,
    Map<String, String> confFiles,
    Map<String, String> env,
    ServerTls tls) {

  /** A server without TLS. */
  public InfinispanServerSpec(
      String version,
      Path serverRoot,
      String bindAddress,
      int port,
      String clusterName,
      List<String> initialHosts,
      int jgroupsPort,
      String configXml,
      Map<String, String> confFiles,
      Map<String, String> env) {
    this(
        version,
        serverRoot,
        bindAddress,
        port,
        clusterName,
        initialHosts,
        jgroupsPort,
        configXml,
        confFiles,
        env,
        null);
  }

  /**
   * This server presenting {@code tls}; a null {@code configXml} becomes the sandbox's
   * configuration with TLS ({@link InfinispanServer#sandboxConfig(boolean, boolean)}).
   */
  public InfinispanServerSpec withTls(ServerTls tls) {
    return new InfinispanServerSpec(
        version,
        serverRoot,
        bindAddress,
        port,
        clusterName,
        initialHosts,
        jgroupsPort,
        configXml,
        confFiles,
        env,
        tls);
  }

  public InfinispanServerSpec {
    initialHosts = initialHosts == null ? List.of() : List.copyOf(initialHosts);
    confFiles = confFiles == null ? Map.of() : Map.copyOf(confFiles);
    env = env == null ? Map.of() : Map.copyOf(env);
  }

  /** The JGroups node name: the server root's folder name. */
  public String nodeName() {
    return serverRoot.getFileName().toString();
  }
}
