package io.gridshift.activities.infinispan;

import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What gridshift trusts when a grid speaks TLS: the CA certificates of a Secret (key {@code
 * ca.crt}, PEM, one or more certificates), read at call time like the credentials. The Infinispan
 * Operator issues server certificates for the Service's DNS names ({@code
 * <service>.<namespace>.svc} and longer), while gridshift connects to the Service's cluster IP; so
 * a server certificate is accepted when a CA of the Secret signs it and its subject alternative
 * names hold either the address connected to or one of the Service's DNS names. Holds no secret
 * material (CA certificates are public), so it may be compared and kept as a map key.
 */
public final class GridTrust {
  /** The Secret key holding the CA certificates, PEM. */
  public static final String CA_KEY = "ca.crt";

  private final String secret;
  private final List<X509Certificate> authorities;

  /**
   * @param secret {@code namespace/name} of the Secret the certificates came from, for messages
   * @param caPem one or more PEM certificates
   * @throws IllegalArgumentException when {@code caPem} holds no certificate
   */
  public GridTrust(String secret, String caPem) {
    this.secret = secret;
    this.authorities = parse(caPem);
    if (authorities.isEmpty()) {
      throw new IllegalArgumentException(
          "key '" + CA_KEY + "' holds no PEM certificate: put the grid's CA certificate there");
    }
  }

  /** {@code namespace/name} of the trust Secret. */
  public String secret() {
    return secret;
  }

  /** The CA certificates, in the order of the Secret. */
  List<X509Certificate> authorities() {
    return authorities;
  }

  private static List<X509Certificate> parse(String pem) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Collection<? extends java.security.cert.Certificate> certs =
          factory.generateCertificates(new ByteArrayInputStream(pem.getBytes()));
      List<X509Certificate> out = new ArrayList<>();
      certs.forEach(c -> out.add((X509Certificate) c));
      return List.copyOf(out);
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "key '"
              + CA_KEY
              + "' holds no PEM certificate ("
              + e.getMessage()
              + "): put the grid's CA certificate there, PEM ('-----BEGIN CERTIFICATE-----')",
          e);
    }
  }

  /**
   * A TLS context for Service {@code service} ({@code namespace/name}) reached at {@code host},
   * with the same checks gridshift's own clients make: for clients beside gridshift that talk to a
   * grid over TLS (the demo's loader and traffic probe).
   */
  public SSLContext sslContext(String service, String host) {
    return sslContext(GridAddress.anonymous(service, host, 0));
  }

  /** A TLS context for {@code grid} that trusts only this Secret's CAs (see the class comment). */
  SSLContext sslContext(GridAddress grid) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers(grid), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("building the TLS context of " + grid.describe(), e);
    }
  }

  /** The trust managers of {@link #sslContext} (the REST client library asks for both). */
  TrustManager[] trustManagers(GridAddress grid) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < authorities.size(); i++) {
        store.setCertificateEntry("ca-" + i, authorities.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      X509TrustManager pkix = (X509TrustManager) factory.getTrustManagers()[0];
      return new TrustManager[] {new ServiceTrustManager(pkix, grid)};
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("building the TLS context of " + grid.describe(), e);
    }
  }

  /** The DNS names a certificate of the Service {@code namespace/service} may carry. */
  static Set<String> serviceNames(String gridName) {
    int slash = gridName.indexOf('/');
    String namespace = gridName.substring(0, slash);
    String service = gridName.substring(slash + 1);
    String base = service + "." + namespace;
    return Set.of(service, base, base + ".svc", base + ".svc.cluster.local");
  }

  /** The name a client sends as SNI: {@code <service>.<namespace>.svc}. */
  public static String sniName(String gridName) {
    int slash = gridName.indexOf('/');
    return gridName.substring(slash + 1) + "." + gridName.substring(0, slash) + ".svc";
  }

  /** Whether {@code error} (or a cause) says the peer's certificate is not trusted. */
  static boolean isUntrusted(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof UntrustedChain || t instanceof UntrustedName) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Non-retryable: the grid's certificate is not one this trust accepts; says which and why. */
  static ApplicationFailure untrusted(GridAddress grid, String doing, Throwable error) {
    String why = "is not signed by a CA in Secret " + grid.trust().secret();
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof UntrustedName name) {
        why =
            "is signed by the CA in Secret " + grid.trust().secret() + " but " + name.getMessage();
      }
    }
    return Failures.nonRetryable(
        doing
            + ": the TLS certificate of grid "
            + grid.name()
            + " at "
            + grid.authority()
            + " "
            + why
            + ": put the CA that issued the grid's certificate into key '"
            + CA_KEY
            + "' of that Secret (or fix the grid's certificate)",
        FailureTypes.INVALID_REQUEST);
  }

  /** No CA of the Secret signs the certificate. */
  static final class UntrustedChain extends CertificateException {
    UntrustedChain(CertificateException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** The certificate is signed, but for other names. */
  static final class UntrustedName extends CertificateException {
    UntrustedName(String message) {
      super(message);
    }
  }

  /** PKIX chain checks against the Secret's CAs, then the Service identity check. */
  private static final class ServiceTrustManager extends X509ExtendedTrustManager {
    private final X509TrustManager pkix;
    private final GridAddress grid;

    ServiceTrustManager(X509TrustManager pkix, GridAddress grid) {
      this.pkix = pkix;
      this.grid = grid;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        pkix.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        throw new UntrustedChain(e);
      }
      checkIdentity(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    private void checkIdentity(X509Certificate leaf) throws CertificateException {
      Set<String> wanted = new java.util.HashSet<>(serviceNames(grid.name()));
      wanted.add(grid.host().toLowerCase(Locale.ROOT));
      List<String> names = new ArrayList<>();
      try {
        if (leaf.getSubjectAlternativeNames() != null) {
          leaf.getSubjectAlternativeNames().forEach(san -> names.add(String.valueOf(san.get(1))));
        }
      } catch (CertificateParsingException e) {
        throw new UntrustedName("its subject alternative names cannot be read: " + e.getMessage());
      }
      if (names.stream().map(n -> n.toLowerCase(Locale.ROOT)).noneMatch(wanted::contains)) {
        throw new UntrustedName(
            "is issued for " + names + ", not for the Service's names " + wanted);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("gridshift is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return pkix.getAcceptedIssuers();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GridTrust t && t.secret.equals(secret) && t.authorities.equals(authorities);
  }

  @Override
  public int hashCode() {
    return secret.hashCode() * 31 + authorities.hashCode();
  }

  @Override
  public String toString() {
    return "GridTrust[" + secret + ", " + authorities.size() + " CA certificate(s)]";
  }
}
