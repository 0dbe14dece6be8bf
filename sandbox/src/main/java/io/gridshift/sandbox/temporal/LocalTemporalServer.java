package io.gridshift.sandbox.temporal;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's Java test server as a real gRPC frontend on {@code 127.0.0.1:<port>}, with real timers
 * (no time skipping): workers, clients and the CLI-less starter connect to {@link #target()} as to
 * any Temporal frontend. What it does not implement (schedules, visibility queries) is listed in
 * RUNTIME.md. State lives in memory and ends with {@link #close()}.
 *
 * <p>The stock {@code TestServer} main listens on every interface; this binds loopback only, using
 * the same internal pieces ({@code TestServicesStarter}, {@code GRPCServerHelper}).
 */
public final class LocalTemporalServer implements AutoCloseable {
  /** Temporal's usual frontend port. */
  public static final int DEFAULT_PORT = 7233;

  private static final Logger log = LoggerFactory.getLogger(LocalTemporalServer.class);

  private final TestServicesStarter services;
  private final Server server;
  private final int port;

  private LocalTemporalServer(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
    this.port = server.getPort();
  }

  /**
   * Starts the server on {@code 127.0.0.1:port}.
   *
   * @param port the port, or 0 for an ephemeral one
   * @throws IOException when the port cannot be bound
   */
  public static LocalTemporalServer start(int port) throws IOException {
    // true: time skipping locked, so timers fire in real time as on a real server.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException e) {
      services.close();
      throw new IOException(
          "could not start the sandbox Temporal server on 127.0.0.1:"
              + port
              + " (is the port taken, e.g. by another Temporal? pass another port or 0)",
          e);
    }
    LocalTemporalServer local = new LocalTemporalServer(services, server);
    log.info("Temporal test server (real time) on {}", local.target());
    return local;
  }

  /** The frontend address for {@code WorkflowServiceStubsOptions.setTarget}: {@code host:port}. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    services.close();
    log.info("Temporal test server on port {} stopped", port);
  }
}
