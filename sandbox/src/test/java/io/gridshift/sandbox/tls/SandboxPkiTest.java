package io.gridshift.sandbox.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxPkiTest {
  @TempDir Path dir;

  @Test
  void aClientTrustingTheCaTalksToAServerItIssuedAndAnotherCaIsRefused() throws Exception {
    SandboxPki pki = SandboxPki.create(dir.resolve("a"), "sandbox CA");
    SandboxPki stranger = SandboxPki.create(dir.resolve("b"), "another CA");
    IssuedCertificate server = pki.server("grid");

    assertThat(Files.readString(server.certificatePem())).contains("BEGIN CERTIFICATE");
    assertThat(Files.readString(server.privateKeyPem())).contains("BEGIN PRIVATE KEY");

    try (SSLServerSocket listener =
        (SSLServerSocket) pki.context(server).getServerSocketFactory().createServerSocket(0, 5)) {
      CompletableFuture.runAsync(() -> echoOnce(listener));
      assertThat(roundTrip(pki, listener.getLocalPort())).isEqualTo(42);

      CompletableFuture.runAsync(() -> echoOnce(listener));
      assertThatThrownBy(() -> roundTrip(stranger, listener.getLocalPort()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  private static int roundTrip(SandboxPki trusting, int port) throws Exception {
    try (SSLSocket socket =
        (SSLSocket) trusting.clientContext().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.startHandshake();
      socket.getOutputStream().write(42);
      return socket.getInputStream().read();
    }
  }

  private static void echoOnce(SSLServerSocket listener) {
    try (var socket = listener.accept();
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream()) {
      out.write(in.read());
    } catch (Exception e) {
      // the refused handshake ends here
    }
  }
}
