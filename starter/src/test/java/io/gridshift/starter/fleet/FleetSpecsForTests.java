package io.gridshift.starter.fleet;

/** Fleet specs the front-door tests send (to {@link FakeFleetWorkflow} or the real workflow). */
public final class FleetSpecsForTests {
  private FleetSpecsForTests() {}

  /**
   * A YAML spec named {@code name}: grids {@code eu/apps/dg1} and {@code eu/apps/dg2} and {@code
   * us/apps/refused-dg} (refused by the fake at plan), stages {@code canary} (1 grid, approval
   * first) and {@code rest}; {@code extra} is added at the top level (YAML lines).
   */
  public static String yaml(String name, String extra) {
    return """
        name: %s
        clusters:
          - name: eu
            labels: {env: prod}
          - name: us
        grids:
          explicit:
            - {cluster: eu, namespace: apps, name: dg1, kind: infinispan}
            - {cluster: eu, namespace: apps, name: dg2, kind: infinispan}
            - {cluster: us, namespace: apps, name: refused-dg, kind: hazelcast}
        targets:
          infinispan: {version: 15.0.21.Final}
          hazelcast: {version: 5.3.8}
        stages:
          - name: canary
            count: 1
            maxFailures: "1"
            approval: {approval: REQUIRED, timeout: 24h}
          - name: rest
        childDefaults:
          infinispan:
            gates: {switch-traffic: {approval: AUTO}}
        %s
        """
        .formatted(name, extra);
  }

  /** The same spec as JSON, without childDefaults. */
  public static String json(String name) {
    return """
        {"name": "%s",
         "clusters": [{"name": "eu"}, {"name": "us"}],
         "grids": {"explicit": [
           {"cluster": "eu", "namespace": "apps", "name": "dg1", "kind": "infinispan"},
           {"cluster": "eu", "namespace": "apps", "name": "dg2", "kind": "infinispan"},
           {"cluster": "us", "namespace": "apps", "name": "refused-dg", "kind": "hazelcast"}]},
         "targets": {"infinispan": {"version": "15.0.21.Final"}, "hazelcast": {"version": "5.3.8"}},
         "stages": [{"name": "canary", "count": 1, "approval": {"approval": "REQUIRED"}},
                    {"name": "rest"}]}
        """
        .formatted(name);
  }

  /** The JSON spec with only its refused grid: the fake's plan fails. */
  public static String jsonAllRefused(String name) {
    return json(name)
        .replaceAll(
            "\\{\"cluster\": \"eu\", \"namespace\": \"apps\", \"name\": \"dg[12]\", \"kind\": \"infinispan\"},\\s*",
            "");
  }
}
