package io.gridshift.starter.cli;

import io.dropwizard.testing.DropwizardTestSupport;
import io.gridshift.starter.server.GridshiftConfiguration;
import io.gridshift.starter.server.GridshiftServer;
import io.gridshift.starter.server.TemporalConnection;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real REST service ({@link GridshiftServer}) on 127.0.0.1 (ephemeral ports) over a {@link
 * TemporalFixture}. Users: {@value #REQUESTER} (requester), {@value #APPROVER} (approver), each
 * with password {@code <name>-pw}.
 */
public final class RestServerFixture implements AutoCloseable {
  public static final String REQUESTER = "alice";
  public static final String APPROVER = "bob";

  private static final String CONFIG =
      """
      auth:
        allowPlainTextSecrets: true
        users:
          - {name: alice, password: alice-pw, roles: [requester]}
          - {name: bob, password: bob-pw, roles: [approver]}
      server:
        applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
        adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
      logging:
        level: WARN
      """;

  private final Path config;
  private final DropwizardTestSupport<GridshiftConfiguration> app;

  public RestServerFixture(TemporalFixture temporal) throws Exception {
    this(temporal.client());
  }

  /** The service over any Temporal client (e.g. the server tests' shared in-process one). */
  public RestServerFixture(WorkflowClient temporal) throws Exception {
    config = Files.createTempFile("gridshift-server-", ".yaml");
    Files.writeString(config, CONFIG);
    app =
        new DropwizardTestSupport<>(GridshiftServer.class, config.toString()) {
          @Override
          public GridshiftServer newApplication() {
            return new GridshiftServer() {
              @Override
              protected TemporalConnection connect(GridshiftConfiguration ignored) {
                return new TemporalConnection(temporal, "in-process test server", false);
              }
            };
          }
        };
    app.before();
  }

  /** The service's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + app.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    app.after();
    Files.deleteIfExists(config);
  }
}
