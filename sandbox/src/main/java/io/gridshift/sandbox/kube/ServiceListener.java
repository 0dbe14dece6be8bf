package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Service port: listens on {@code clusterIP:port} and forwards each new connection to a ready
 * endpoint chosen round-robin from the Service's current selector. A connection keeps its backend
 * for life; with no ready endpoint it is reset at once, as a cluster refuses it.
 */
final class ServiceListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceListener.class);
  private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

  /** What the listener routes to; replaced when the Service changes. */
  record Route(
      String namespace, String service, Map<String, String> selector, IntOrString targetPort) {}

  private final InetSocketAddress address;
  private final Backends backends;
  private final ExecutorService pipes;
  private final ServerSocket server;
  private final Set<TcpPipe> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger next = new AtomicInteger();
  private volatile Route route;

  ServiceListener(InetSocketAddress address, Route route, Backends backends, ExecutorService pipes)
      throws IOException {
    this.address = address;
    this.route = route;
    this.backends = backends;
    this.pipes = pipes;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(address, 128);
    Thread acceptor =
        new Thread(this::accept, "sandbox-service-" + route.service() + "-" + address.getPort());
    acceptor.setDaemon(true);
    acceptor.start();
    log.info("Service {}/{}: listening on {}", route.namespace(), route.service(), address);
  }

  void update(Route route) {
    this.route = route;
  }

  Route route() {
    return route;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        pipes.execute(() -> forward(client));
      } catch (IOException e) {
        if (!server.isClosed()) {
          log.warn("Service {}: accept on {} failed: {}", route.service(), address, e.toString());
        }
      }
    }
  }

  private void forward(Socket client) {
    Route current = route;
    List<InetSocketAddress> endpoints;
    try {
      endpoints = backends.endpoints(current.namespace(), current.selector(), current.targetPort());
    } catch (RuntimeException e) {
      log.warn("Service {}: cannot read endpoints: {}", current.service(), e.toString());
      endpoints = List.of();
    }
    int start = Math.floorMod(next.getAndIncrement(), Math.max(1, endpoints.size()));
    for (int i = 0; i < endpoints.size(); i++) {
      InetSocketAddress endpoint = endpoints.get((start + i) % endpoints.size());
      Socket backend = connect(endpoint);
      if (backend != null) {
        TcpPipe pipe = new TcpPipe(client, backend, open::remove);
        open.add(pipe);
        pipe.start(pipes);
        return;
      }
    }
    log.debug(
        "Service {}/{}: no ready endpoint; refusing a connection",
        current.namespace(),
        current.service());
    TcpPipe.reset(client);
  }

  private static Socket connect(InetSocketAddress endpoint) {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(endpoint, CONNECT_TIMEOUT_MILLIS);
      return socket;
    } catch (IOException e) {
      TcpPipe.closeQuietly(socket);
      return null;
    }
  }

  /** Stops listening; established connections are closed too when {@code dropConnections}. */
  void close(boolean dropConnections) {
    TcpPipe.closeQuietly(server);
    if (dropConnections) {
      open.forEach(TcpPipe::close);
    }
    log.info("Service {}/{}: stopped listening on {}", route.namespace(), route.service(), address);
  }

  @Override
  public void close() {
    close(true);
  }

  static InetSocketAddress address(String clusterIp, int port) throws IOException {
    return new InetSocketAddress(InetAddress.getByName(clusterIp), port);
  }
}
