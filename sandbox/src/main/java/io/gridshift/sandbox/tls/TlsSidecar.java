package io.gridshift.sandbox.tls;

import io.gridshift.sandbox.kube.TcpPipe;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TLS-terminating sidecar, as a service mesh (or ghostunnel, stunnel) puts next to a server that
 * cannot serve TLS itself: it listens with TLS on the pod's address and a port of its own, and
 * carries each connection in plain text to the server's port on the same address. What it serves is
 * the server's protocol, whatever it is (HTTP, Hazelcast's binary protocol): bytes are copied both
 * ways by a {@link TcpPipe}, as the sandbox's Services and Temporal's TLS front do. Traffic that
 * goes to the server's own port directly stays plain, as it would in a pod.
 */
public final class TlsSidecar implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(TlsSidecar.class);

  private final SSLServerSocket listener;
  private final InetSocketAddress backend;
  private final Set<TcpPipe> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "tls-sidecar-conn");
            thread.setDaemon(true);
            return thread;
          });

  private TlsSidecar(SSLServerSocket listener, InetSocketAddress backend) {
    this.listener = listener;
    this.backend = backend;
  }

  /**
   * Starts listening on {@code ip:tlsPort} with {@code server} (the identity it presents) and
   * forwarding to {@code ip:backendPort}.
   *
   * @throws IOException when the port is taken
   */
  public static TlsSidecar start(SSLContext server, String ip, int tlsPort, int backendPort)
      throws IOException {
    SSLServerSocket listener =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getByName(ip), tlsPort));
    TlsSidecar sidecar = new TlsSidecar(listener, new InetSocketAddress(ip, backendPort));
    daemon("tls-sidecar-" + ip + ":" + tlsPort, sidecar::accept);
    LOG.info("TLS sidecar on {}:{} -> {}:{}", ip, tlsPort, ip, backendPort);
    return sidecar;
  }

  /** The port it listens on. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Whether it still listens. */
  public boolean isListening() {
    return !listener.isClosed();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        threads.execute(() -> forward(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void forward(Socket client) {
    try {
      Socket server = new Socket();
      server.connect(backend, 5_000);
      TcpPipe pipe = new TcpPipe(client, server, open::remove);
      open.add(pipe);
      pipe.start(threads);
    } catch (IOException e) {
      // The server is not listening (starting, stopping): the client sees a closed connection.
      TcpPipe.closeQuietly(client);
    }
  }

  /** Stops listening and drops every connection. */
  @Override
  public void close() {
    TcpPipe.closeQuietly(listener);
    open.forEach(TcpPipe::close);
    threads.shutdownNow();
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }
}
