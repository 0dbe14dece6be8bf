package io.gridshift.sandbox.infinispan;

/**
 * What the sandbox's server files must look like for one Infinispan server version. Servers from
 * 14.0 on read the 14.0 schema the sandbox has always written; older servers reject newer
 * namespaces, so they get their own (10.1, 12.1, 13.0: Data Grid 8.0, 8.2, 8.3).
 *
 * @param namespaceVersion the {@code urn:infinispan:config:<v>}/{@code urn:infinispan:server:<v>}
 *     version
 * @param nestedEndpoint whether connectors sit in an {@code <endpoint>} inside {@code <endpoints>}
 *     (13.0 on) rather than directly in {@code <endpoints>} (10.1-12.1)
 */
record ServerSchema(String namespaceVersion, boolean nestedEndpoint) {
  private static final ServerSchema CURRENT = new ServerSchema("14.0", true);

  /** The schema for {@code version} ({@code 12.1.12.Final}); null means 14.0 or later. */
  static ServerSchema of(String version) {
    if (version == null) {
      return CURRENT;
    }
    String[] parts = version.split("\\.");
    int major = Integer.parseInt(parts[0]);
    if (major >= 14) {
      return CURRENT;
    }
    return new ServerSchema(major + "." + parts[1], major >= 13);
  }

  /**
   * Whether the server needs {@code -Dinfinispan.server.home.path}: before 13.0 its REST
   * connector's parser reads it (a NullPointerException without), which {@code server.sh} sets.
   */
  boolean needsHomeProperty() {
    return !nestedEndpoint;
  }
}
