package io.gridshift.sandbox.temporal;

import io.gridshift.sandbox.tls.IssuedCertificate;
import io.gridshift.sandbox.tls.SandboxPki;
import io.gridshift.workflows.client.TemporalTls;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The sandbox's Temporal over TLS: a CA made for this sandbox ({@code <dir>/ca.crt}), a server
 * certificate for the front ({@code temporal.crt}), a client certificate for every gridshift
 * process ({@code gridshift-client.crt} and {@code .key}) and the {@link TlsTemporalFront} itself.
 */
public final class SandboxTemporalTls implements AutoCloseable {
  /** The client certificate's common name (what a server's authorizer would see). */
  public static final String CLIENT_NAME = "gridshift-client";

  private final SandboxPki pki;
  private final IssuedCertificate client;
  private final TlsTemporalFront front;

  private SandboxTemporalTls(SandboxPki pki, IssuedCertificate client, TlsTemporalFront front) {
    this.pki = pki;
    this.client = client;
    this.front = front;
  }

  /**
   * Makes the CA and certificates in {@code dir} and starts the front on {@code port} (0: any free
   * port) for the plain frontend on {@code backendPort}.
   */
  public static SandboxTemporalTls start(Path dir, boolean mutual, int port, int backendPort)
      throws IOException {
    SandboxPki pki = SandboxPki.create(dir, "gridshift-sandbox-temporal-ca");
    IssuedCertificate server = pki.server("temporal", "temporal.sandbox");
    IssuedCertificate client = pki.client(CLIENT_NAME);
    return new SandboxTemporalTls(
        pki, client, TlsTemporalFront.start(pki, server, mutual, port, backendPort));
  }

  /** The TLS frontend, {@code 127.0.0.1:<port>}. */
  public String target() {
    return front.target();
  }

  /** Whether the front requires client certificates. */
  public boolean mutual() {
    return front.mutual();
  }

  /**
   * What a client sets to pass: the sandbox CA, and with mutual TLS the client certificate and key
   * (PEM files under the sandbox directory).
   */
  public TemporalTls clientTls() {
    return mutual()
        ? new TemporalTls(
            true,
            pki.caCertificatePem().toString(),
            client.certificatePem().toString(),
            client.privateKeyPem().toString(),
            null)
        : new TemporalTls(true, pki.caCertificatePem().toString(), null, null, null);
  }

  /** The sandbox's CA (to issue more certificates, e.g. a foreign-looking one for a test). */
  public SandboxPki pki() {
    return pki;
  }

  @Override
  public void close() {
    front.close();
  }
}
