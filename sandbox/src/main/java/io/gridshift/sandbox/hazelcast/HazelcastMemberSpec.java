package io.gridshift.sandbox.hazelcast;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One Hazelcast member process to launch on loopback.
 *
 * @param version Hazelcast version, e.g. {@code 5.3.8} (resolved by {@link HazelcastDistributions})
 * @param workDir the member's folder ({@code hazelcast.yaml}, {@code member.log}); kept across
 *     restarts like a pod's volume
 * @param bindAddress loopback address the member binds, e.g. {@code 127.0.30.1}
 * @param port member port (members, clients and REST share it)
 * @param clusterName cluster name; distinct names keep clusters apart
 * @param members {@code ip:port} of every member to join through, this one included
 * @param configYaml member configuration; null for {@link HazelcastMember#sandboxConfig(int)
 *     sandboxConfig(1)}. {@code ${gridshift.hazelcast.*}} placeholders are filled from the system
 *     properties {@link HazelcastMember#start} sets
 * @param jvmOptions extra JVM options after the sandbox's own (so they win), e.g. {@code
 *     -Dhazelcast.shutdownhook.policy=GRACEFUL}
 * @param env extra environment of the process
 */
public record HazelcastMemberSpec(
    String version,
    Path workDir,
    String bindAddress,
    int port,
    String clusterName,
    List<String> members,
    String configYaml,
    List<String> jvmOptions,
    Map<String, String> env) {

  public HazelcastMemberSpec {
    members = members == null ? List.of() : List.copyOf(members);
    jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
    env = env == null ? Map.of() : Map.copyOf(env);
  }
}
