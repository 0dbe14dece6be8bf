package io.gridshift.sandbox.tls;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TLS-terminating sidecar, as a service mesh (or ghostunnel, stunnel) puts next to a server that
 * cannot serve TLS itself: it listens with TLS on the pod's address and a port of its own, and
 * carries each connection in plain text to the server's port on the same address. What it serves is
 * the server's protocol, whatever it is (HTTP, Hazelcast's binary protocol): bytes are copied both
 * ways, one thread per direction. Traffic that goes to the server's own port directly stays plain,
 * as it would in a pod.
 */
public final class TlsSidecar implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(TlsSidecar.class);
  private static final int BUFFER = 32 * 1024;

  private final SSLServerSocket listener;
  private final InetSocketAddress backend;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

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
        daemon("tls-sidecar-conn", () -> forward(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void forward(Socket client) {
    open.add(client);
    Socket server = new Socket();
    open.add(server);
    try {
      server.connect(backend, 5_000);
      daemon("tls-sidecar-up", () -> copy(client, server));
      copy(server, client);
    } catch (IOException e) {
      // The server is not listening (starting, stopping): the client sees a closed connection.
      closeQuietly(client);
      closeQuietly(server);
    }
  }

  /** Copies until end of stream, then closes both sides: a TLS socket cannot half-close. */
  private void copy(Socket from, Socket to) {
    byte[] buffer = new byte[BUFFER];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // a handshake the client refused, or either side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  /** Stops listening and drops every connection. */
  @Override
  public void close() {
    closeQuietly(listener);
    open.forEach(TlsSidecar::closeQuietly);
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
