package io.gridshift.sandbox.infinispan;

import java.util.Map;

/** The configuration files the sandbox gives every Infinispan server it launches. */
final class SandboxServerFiles {
  private SandboxServerFiles() {}

  /** {@link #infinispanXml(String, boolean, boolean, String)} for a 14.x-16.x server. */
  static String infinispanXml(boolean auth, boolean tls) {
    return infinispanXml(null, auth, tls, "");
  }

  /**
   * {@code infinispan.xml} in the 14.0 schema, which 14.x, 15.x and 16.x servers all read; for an
   * older {@code version} (10.1, 12.1, 13.0: Data Grid 8.0, 8.2, 8.3) in that version's own schema,
   * since a server rejects namespaces newer than itself, and before 13.0 with the connectors placed
   * directly in {@code <endpoints>} (13.0 introduced the nested {@code <endpoint>}). JGroups runs
   * the stock TCP stack with TCPPING in place of multicast discovery; every socket binds to the
   * server's own loopback address; one endpoint serves Hot Rod and REST (no RESP/memcached
   * connectors, whose default caches would clutter inventories). With {@code tls}, the realm
   * presents {@code conf/server-keystore.p12} the way the Infinispan Operator configures a keystore
   * Secret ({@code server-identities/ssl/keystore}), so Hot Rod and REST speak TLS only.
   *
   * @param version the server's version, null for 14.x or later
   * @param cachesXml cache elements to place in the cache container (a CONFIG-mode target's caches
   *     with their remote stores), or empty
   */
  static String infinispanXml(String version, boolean auth, boolean tls, String cachesXml) {
    ServerSchema schema = ServerSchema.of(version);
    String realm = auth || tls ? " security-realm=\"default\"" : "";
    String identities =
        tls
            ? """
                        <server-identities>
                          <ssl>
                            <keystore path="server-keystore.p12" relative-to="infinispan.server.config.path" password="${env.GRIDSHIFT_KEYSTORE_PASSWORD}"/>
                          </ssl>
                        </server-identities>
            """
            : "";
    String users =
        auth
            ? """
                        <properties-realm groups-attribute="Roles">
                          <user-properties path="users.properties" relative-to="infinispan.server.config.path" plain-text="true"/>
                          <group-properties path="groups.properties" relative-to="infinispan.server.config.path"/>
                        </properties-realm>
            """
            : "";
    String security =
        auth || tls
            ? """
                <security>
                  <security-realms>
                    <security-realm name="default">
            %s%s        </security-realm>
                  </security-realms>
                </security>
            """
                .formatted(identities, users)
            : "";
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <infinispan xmlns="urn:infinispan:config:%s">
          <jgroups>
            <stack name="gridshift-tcp" extends="tcp">
              <TCP bind_addr="${infinispan.bind.address}" bind_port="${gridshift.jgroups.port}" port_range="0" stack.combine="COMBINE"/>
              <TCPPING initial_hosts="${gridshift.jgroups.initial_hosts}" port_range="0" stack.combine="REPLACE" stack.position="MPING"/>
            </stack>
          </jgroups>
          <cache-container name="default" statistics="true">
            <transport cluster="${infinispan.cluster.name}" stack="gridshift-tcp" node-name="${infinispan.node.name}"/>
        %s  </cache-container>
          <server xmlns="urn:infinispan:server:%s">
            <interfaces>
              <interface name="public">
                <inet-address value="${infinispan.bind.address}"/>
              </interface>
            </interfaces>
            <socket-bindings default-interface="public" port-offset="0">
              <socket-binding name="default" port="${gridshift.port}"/>
            </socket-bindings>
        %s%s  </server>
        </infinispan>
        """
        .formatted(
            schema.namespaceVersion(),
            indent(cachesXml, "    "),
            schema.namespaceVersion(),
            security,
            endpoints(schema, realm));
  }

  private static String endpoints(ServerSchema schema, String realm) {
    if (!schema.nestedEndpoint()) {
      return """
              <endpoints socket-binding="default"%s>
                <hotrod-connector name="hotrod"/>
                <rest-connector name="rest"/>
              </endpoints>
          """
          .formatted(realm);
    }
    return """
            <endpoints socket-binding="default"%s>
              <endpoint socket-binding="default"%s>
                <hotrod-connector name="hotrod"/>
                <rest-connector name="rest"/>
              </endpoint>
            </endpoints>
        """
        .formatted(realm, realm);
  }

  private static String indent(String xml, String prefix) {
    if (xml == null || xml.isBlank()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String line : xml.strip().split("\n")) {
      out.append(prefix).append(line).append('\n');
    }
    return out.toString();
  }

  /** Log4j 2 configuration: INFO to {@code <root>/log/server.log}, nothing on stdout. */
  static String log4j2Xml() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <Configuration name="gridshift-sandbox" shutdownHook="disable">
          <Appenders>
            <File name="FILE" fileName="${sys:infinispan.server.log.path}/server.log" append="true">
              <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p (%t) [%c] %m%throwable%n"/>
            </File>
          </Appenders>
          <Loggers>
            <Root level="INFO">
              <AppenderRef ref="FILE"/>
            </Root>
            <Logger name="org.jgroups" level="WARN"/>
          </Loggers>
        </Configuration>
        """;
  }

  /** A properties realm's files for one user in the {@code admin} group, password in plain text. */
  static Map<String, String> usersFiles(String user, String password) {
    return Map.of(
        "users.properties", user + "=" + password + "\n",
        "groups.properties", user + "=admin\n");
  }
}
