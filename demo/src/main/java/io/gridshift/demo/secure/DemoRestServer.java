package io.gridshift.demo.secure;

import io.dropwizard.core.setup.Environment;
import io.gridshift.starter.server.GridshiftConfiguration;
import io.gridshift.starter.server.GridshiftServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The REST service ({@code ./gridshift server CONFIG}) run inside the secure demo's process, on a
 * loopback port of its own, from a config file the demo wrote: the same application, auth, signing
 * and codec a production install runs. Logging stays the demo's ({@code logging: type: external}).
 */
public final class DemoRestServer implements AutoCloseable {
  private final Server jetty;
  private final URI uri;

  private DemoRestServer(Server jetty, URI uri) {
    this.jetty = jetty;
    this.uri = uri;
  }

  /** Starts the service with {@code config}; fails with the service's own reason. */
  public static DemoRestServer start(Path config) throws Exception {
    CompletableFuture<Server> started = new CompletableFuture<>();
    GridshiftServer app =
        new GridshiftServer() {
          @Override
          public void run(GridshiftConfiguration configuration, Environment environment) {
            super.run(configuration, environment);
            environment.lifecycle().addServerLifecycleListener(started::complete);
          }

          @Override
          protected void bootstrapLogging() {
            // Dropwizard's bootstrap adds a console appender (WARN and above, its own layout) that
            // an external logging config never removes: the demo's log stays the demo's. Only its
            // java.util.logging bridge is kept, so gRPC's warnings go to the log, not the terminal.
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
          }

          @Override
          protected void onFatalError(Throwable t) {
            started.completeExceptionally(t);
          }
        };
    app.run("server", config.toString());
    Server jetty = started.get(60, TimeUnit.SECONDS);
    int port =
        ((org.eclipse.jetty.server.NetworkConnector) jetty.getConnectors()[0]).getLocalPort();
    return new DemoRestServer(jetty, URI.create("http://127.0.0.1:" + port));
  }

  /** The service's base URL. */
  public URI uri() {
    return uri;
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }
}
