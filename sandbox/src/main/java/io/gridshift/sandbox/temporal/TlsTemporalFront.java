package io.gridshift.sandbox.temporal;

import io.gridshift.sandbox.kube.TcpPipe;
import io.gridshift.sandbox.tls.IssuedCertificate;
import io.gridshift.sandbox.tls.SandboxPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TLS front for the sandbox's Temporal: listens on {@code 127.0.0.1:<port>} with a server
 * certificate from the sandbox's CA, negotiates ALPN {@code h2} (gRPC clients refuse a TLS
 * connection without it) and, when mutual, requires a client certificate signed by that CA; each
 * connection's decrypted bytes are piped to the plain-text test server. Clients thus reach a real
 * Temporal frontend over real TLS, as they would a secured server or Temporal Cloud.
 *
 * <p>Why the JDK's TLS rather than stunnel (the suggestion): nothing to install or find on
 * the PATH, no process to supervise, it starts in milliseconds on an ephemeral port inside the test
 * or sandbox JVM, and the certificates come straight from {@link SandboxPki}. The JDK's TLS stack
 * (TLS 1.3/1.2, ALPN through {@link SSLParameters#setApplicationProtocols}) is what a production
 * server's would be for these tests: what they check is the client's side.
 *
 * <p>Handshake failures (a client that does not trust the certificate, or brings none when one is
 * required) end that connection only and are logged at debug.
 */
public final class TlsTemporalFront implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TlsTemporalFront.class);

  private final SSLServerSocket server;
  private final InetSocketAddress backend;
  private final boolean mutual;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "temporal-tls-front");
            t.setDaemon(true);
            return t;
          });
  private final Set<TcpPipe> open = ConcurrentHashMap.newKeySet();

  private TlsTemporalFront(SSLServerSocket server, InetSocketAddress backend, boolean mutual) {
    this.server = server;
    this.backend = backend;
    this.mutual = mutual;
  }

  /**
   * Starts a front on {@code 127.0.0.1:port} for the plain-text frontend at {@code backendPort}.
   *
   * @param pki the CA that issued {@code identity} and, when {@code mutual}, the only one whose
   *     client certificates are accepted
   * @param identity the server certificate the front presents
   * @param mutual whether a client certificate is required (mutual TLS)
   * @param port the port, 0 for an ephemeral one
   */
  public static TlsTemporalFront start(
      SandboxPki pki, IssuedCertificate identity, boolean mutual, int port, int backendPort)
      throws IOException {
    SSLServerSocket server =
        (SSLServerSocket)
            pki.context(identity)
                .getServerSocketFactory()
                .createServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
    SSLParameters parameters = server.getSSLParameters();
    parameters.setApplicationProtocols(new String[] {"h2"});
    parameters.setNeedClientAuth(mutual);
    server.setSSLParameters(parameters);
    TlsTemporalFront front =
        new TlsTemporalFront(server, new InetSocketAddress("127.0.0.1", backendPort), mutual);
    front.threads.execute(front::accept);
    log.info(
        "Temporal TLS front{} on {} for 127.0.0.1:{}",
        mutual ? " (mutual TLS)" : "",
        front.target(),
        backendPort);
    return front;
  }

  /** The TLS frontend address, {@code 127.0.0.1:<port>}. */
  public String target() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Whether clients must present a certificate. */
  public boolean mutual() {
    return mutual;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        SSLSocket client = (SSLSocket) server.accept();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        if (!server.isClosed()) {
          log.warn("Temporal TLS front: accept failed: {}", e.toString());
        }
      }
    }
  }

  private void serve(SSLSocket client) {
    try {
      client.startHandshake();
    } catch (SSLException | SocketException e) {
      log.debug("Temporal TLS front: handshake refused: {}", e.toString());
      TcpPipe.closeQuietly(client);
      return;
    } catch (IOException e) {
      TcpPipe.closeQuietly(client);
      return;
    }
    try {
      Socket plain = new Socket();
      plain.connect(backend, 5_000);
      plain.setTcpNoDelay(true);
      TcpPipe pipe = new TcpPipe(client, plain, open::remove);
      open.add(pipe);
      pipe.start(threads);
    } catch (IOException e) {
      log.warn("Temporal TLS front: the Temporal server at {} refused: {}", backend, e.toString());
      TcpPipe.closeQuietly(client);
    }
  }

  @Override
  public void close() {
    TcpPipe.closeQuietly(server);
    open.forEach(TcpPipe::close);
    threads.shutdownNow();
  }
}
