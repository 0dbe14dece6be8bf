package io.gridshift.workflows.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Transport security to Temporal. TLS is on when {@code enabled} is true or any file is named;
 * without {@code caFile} the JVM's trusted CAs verify the server (Temporal Cloud). A client
 * certificate and key together make it mutual TLS.
 *
 * @param enabled TLS with the JVM's CAs when no file is named
 * @param caFile PEM CA certificate(s) that signed the server's certificate
 * @param certFile PEM client certificate chain (mutual TLS)
 * @param keyFile PEM PKCS#8 private key of the client certificate
 * @param serverName the name the server's certificate must carry when it is not the target's host
 */
public record TemporalTls(
    Boolean enabled, String caFile, String certFile, String keyFile, String serverName) {
  public static final TemporalTls NONE = new TemporalTls(null, null, null, null, null);

  public TemporalTls {
    caFile = TemporalAccess.blank(caFile) ? null : caFile.strip();
    certFile = TemporalAccess.blank(certFile) ? null : certFile.strip();
    keyFile = TemporalAccess.blank(keyFile) ? null : keyFile.strip();
    serverName = TemporalAccess.blank(serverName) ? null : serverName.strip();
    enabled =
        Boolean.TRUE.equals(enabled)
            || caFile != null
            || certFile != null
            || keyFile != null
            || serverName != null;
  }

  /** Whether the connection uses TLS. */
  @Override
  public Boolean enabled() {
    return enabled;
  }

  /** Whether this process presents a client certificate. */
  public boolean mutual() {
    return certFile != null;
  }

  /** Every problem with these settings, empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if ((certFile == null) != (keyFile == null)) {
      problems.add("temporal tls: certFile and keyFile go together (mutual TLS needs both)");
    }
    return problems;
  }
}
