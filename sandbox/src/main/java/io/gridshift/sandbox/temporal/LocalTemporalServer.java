package io.gridshift.sandbox.temporal;

import io.gridshift.sandbox.temporal.visibility.SandboxOperatorService;
import io.gridshift.sandbox.temporal.visibility.SearchAttributeTypes;
import io.gridshift.sandbox.temporal.visibility.ServiceOverlay;
import io.gridshift.sandbox.temporal.visibility.VisibilityService;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's Java test server as a real gRPC frontend on {@code 127.0.0.1:<port>}, with real timers
 * (no time skipping): workers, clients and the CLI-less starter connect to {@link #target()} as to
 * any Temporal frontend. What the test server lacks is served on the same port: the Schedule API
 * ({@link ScheduleService}), visibility queries, namespaces and search attribute listing ({@link
 * VisibilityService}, {@link SandboxOperatorService}), task queue pollers ({@link
 * TaskQueuePollers}). State lives in memory and ends with {@link #close()}.
 *
 * <p>The stock {@code TestServer} main listens on every interface; this binds loopback only, using
 * the same internal pieces ({@code TestServicesStarter}, {@code GRPCServerHelper}).
 */
public final class LocalTemporalServer implements AutoCloseable {
  /** Temporal's usual frontend port. */
  public static final int DEFAULT_PORT = 7233;

  private static final Logger log = LoggerFactory.getLogger(LocalTemporalServer.class);

  private final TestServicesStarter services;
  private final ScheduleService schedules;
  private final Server server;
  private final ManagedChannel schedulesChannel;
  private final int port;

  private LocalTemporalServer(
      TestServicesStarter services, ScheduleService schedules, Server server) {
    this.services = services;
    this.schedules = schedules;
    this.server = server;
    this.port = server.getPort();
    this.schedulesChannel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    schedules.connect(schedulesChannel);
  }

  /**
   * Starts the server on {@code 127.0.0.1:port}.
   *
   * @param port the port, or 0 for an ephemeral one
   * @throws IOException when the port cannot be bound
   */
  public static LocalTemporalServer start(int port) throws IOException {
    return start(port, true);
  }

  /**
   * Starts the server on {@code 127.0.0.1:port}.
   *
   * @param port the port, or 0 for an ephemeral one
   * @param stickyWorkflowTasks false: every workflow task goes to the normal queue ({@link
   *     NonStickyWorkflowTasks}), so a workflow whose worker was killed moves on with another
   * @throws IOException when the port cannot be bound
   */
  public static LocalTemporalServer start(int port, boolean stickyWorkflowTasks)
      throws IOException {
    // true: time skipping locked, so timers fire in real time as on a real server.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    ScheduleService schedules = new ScheduleService(Clock.systemUTC());
    SearchAttributeTypes attributes = new SearchAttributeTypes();
    VisibilityService visibility = new VisibilityService(attributes);
    TaskQueuePollers pollers = new TaskQueuePollers(Clock.systemUTC());
    List<BindableService> completed =
        services.getServices().stream()
            .map(
                s ->
                    s == services.getWorkflowService()
                        ? pollers.wrap(
                            ServiceOverlay.overlay(
                                schedules.withSchedules(s), visibility, VisibilityService.METHODS))
                        : s)
            .map(
                s ->
                    s == services.getOperatorService()
                        ? ServiceOverlay.overlay(
                            s,
                            new SandboxOperatorService(services.getOperatorService(), attributes),
                            SandboxOperatorService.METHODS)
                        : s)
            .map(s -> stickyWorkflowTasks ? s : NonStickyWorkflowTasks.wrap(s))
            .toList();
    GRPCServerHelper.registerServicesAndHealthChecks(completed, builder);
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException e) {
      schedules.close();
      services.close();
      throw new IOException(
          "could not start the sandbox Temporal server on 127.0.0.1:"
              + port
              + " (is the port taken, e.g. by another Temporal? pass another port or 0)",
          e);
    }
    LocalTemporalServer local = new LocalTemporalServer(services, schedules, server);
    visibility.connect(local.schedulesChannel);
    log.info(
        "Temporal test server (real time, with schedules and visibility queries{}) on {}",
        stickyWorkflowTasks ? "" : ", no sticky workflow tasks",
        local.target());
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
    schedules.close();
    schedulesChannel.shutdownNow();
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
