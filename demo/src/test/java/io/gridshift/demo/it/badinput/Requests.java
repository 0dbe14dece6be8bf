package io.gridshift.demo.it.badinput;

/** Request bodies of the table: valid ones with one thing made wrong. */
final class Requests {
  static final String TARGET = "15.0.21.Final";

  private Requests() {}

  /** An Infinispan request for grid dg of the sandbox, plus {@code extra} (starts with a comma). */
  static String ispn(String extra) {
    return ispnOn(BadInputWorld.CLUSTER, "default", BadInputWorld.GRID, TARGET, extra);
  }

  /** An Infinispan request for {@code grid} at {@code version}, plus {@code extra}. */
  static String ispn(String grid, String version, String extra) {
    return ispnOn(BadInputWorld.CLUSTER, "default", grid, version, extra);
  }

  static String ispnOn(
      String cluster, String namespace, String grid, String version, String extra) {
    return """
        {"kind": "infinispan", "cluster": {"cluster": "%s", "namespace": "%s"}, "grid": "%s",
         "targetVersion": "%s"%s}"""
        .formatted(cluster, namespace, grid, version, extra);
  }

  /** A Hazelcast request for grid hz of the sandbox, plus {@code extra}. */
  static String hazelcast(String extra) {
    return """
        {"kind": "hazelcast", "cluster": {"cluster": "%s"}, "grid": "hz", "targetVersion": "5.3.8"%s}"""
        .formatted(BadInputWorld.CLUSTER, extra);
  }

  /** A fleet spec (YAML) whose target is no version and whose one stage takes no grids. */
  static final String BAD_FLEET =
      """
      name: bad-fleet
      requestedBy: alice
      clusters: [{name: sandbox}]
      grids: {kinds: [infinispan]}
      targets: {infinispan: {version: latest}}
      stages: [{name: canary, count: 0}]
      """;

  /** The same fleet as JSON, as the Temporal UI would take it. */
  static final String BAD_FLEET_JSON =
      """
      {"name": "bad-fleet", "requestedBy": "alice", "clusters": [{"name": "sandbox"}],
       "grids": {"kinds": ["infinispan"]}, "targets": {"infinispan": {"version": "latest"}},
       "stages": [{"name": "canary", "count": 0}]}""";

  /** {@code n} times {@code c}. */
  static String longText(char c, int n) {
    return String.valueOf(c).repeat(n);
  }
}
