package io.gridshift.activities.hazelcast;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A loopback listener inside the worker that carries each connection to one member's TLS endpoint
 * over TLS: how the open source Hazelcast Java client, which refuses {@code SSLConfig} ("SSL/TLS
 * requires Hazelcast Enterprise Edition"), reaches members over TLS. The client speaks its plain
 * protocol to {@code 127.0.0.1:<port>} in this process; only TLS leaves it, with the member's
 * certificate checked against the grid's CA and its IP (as a mesh's outbound sidecar would).
 *
 * <ol>
 *   <li>accept a connection on loopback;
 *   <li>open TLS to the member, handshake, verify the certificate and host (HTTPS rules);
 *   <li>copy bytes both ways, one thread per direction, until either side closes.
 * </ol>
 *
 * A handshake refused for trust is kept ({@link #trustFailure()}) so the caller can say why the
 * client found no member instead of "unreachable".
 */
final class TlsTunnel implements AutoCloseable {
  private static final int BUFFER = 32 * 1024;

  private final ServerSocket listener;
  private final MemberTls tls;
  private final String host;
  private final int port;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicReference<Exception> trustFailure = new AtomicReference<>();

  private TlsTunnel(ServerSocket listener, MemberTls tls, String host, int port) {
    this.listener = listener;
    this.tls = tls;
    this.host = host;
    this.port = port;
  }

  /** Opens a tunnel to the TLS endpoint {@code address} (host:port). */
  static TlsTunnel open(MemberTls tls, String address) throws IOException {
    int colon = address.lastIndexOf(':');
    ServerSocket listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    TlsTunnel tunnel =
        new TlsTunnel(
            listener,
            tls,
            address.substring(0, colon),
            Integer.parseInt(address.substring(colon + 1)));
    daemon("gridshift-tls-tunnel-" + address, tunnel::accept);
    return tunnel;
  }

  /** Where the client connects: {@code 127.0.0.1:<port>}. */
  String localAddress() {
    return listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort();
  }

  /** The handshake failure that was about trust (wrong CA, wrong name), or null. */
  Exception trustFailure() {
    return trustFailure.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        daemon("gridshift-tls-tunnel-" + host, () -> connect(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void connect(Socket client) {
    open.add(client);
    try {
      SSLSocket member = (SSLSocket) tls.sslContext().getSocketFactory().createSocket();
      open.add(member);
      SSLParameters parameters = member.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      member.setSSLParameters(parameters);
      member.connect(
          new InetSocketAddress(host, port),
          (int) HazelcastMembers.CLIENT_CONNECT_TIMEOUT.toMillis());
      member.startHandshake();
      daemon("gridshift-tls-tunnel-" + host, () -> copy(client, member));
      copy(member, client);
    } catch (IOException e) {
      if (MemberTls.untrusted(e)) {
        trustFailure.set(e);
      }
      closeQuietly(client);
    }
  }

  /** Copies until end of stream, then closes both: TLS sockets cannot half-close. */
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
      // either side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  @Override
  public void close() {
    closeQuietly(listener);
    open.forEach(TlsTunnel::closeQuietly);
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
