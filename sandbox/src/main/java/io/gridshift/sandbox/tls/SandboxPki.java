package io.gridshift.sandbox.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The sandbox's certificate authority, made fresh at test time: it issues server certificates for
 * loopback (127.0.0.1, localhost and any names given) and client certificates for mutual TLS, and
 * writes each as PEM (certificate chain, PKCS#8 key) and as a PKCS#12 key store, the forms
 * Temporal's clients, Infinispan and Java servers read. Two authorities made separately do not
 * trust each other, which is how tests show that a wrong CA is refused. Test fixture only: keys are
 * 2048-bit RSA valid for a day.
 */
public final class SandboxPki {
  private static final String PASSWORD = "sandbox-secret";
  private static final Duration VALIDITY = Duration.ofDays(1);
  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  private final Path dir;
  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate caCertificate;
  private final Path caPem;
  private final Path trustStore;

  private SandboxPki(Path dir, String name) throws GeneralSecurityException, IOException {
    this.dir = Files.createDirectories(dir);
    this.name = name;
    this.caKeys = newKeyPair();
    X500Name subject = new X500Name("CN=" + name);
    X509v3CertificateBuilder builder = builder(subject, subject, caKeys);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    this.caCertificate = sign(builder, caKeys.getPrivate());
    this.caPem = writePem(dir.resolve("ca.crt"), List.of(caCertificate));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", caCertificate);
    this.trustStore = writeStore(dir.resolve("truststore.p12"), trust);
  }

  /** A new authority named {@code name} writing its files under {@code dir}. */
  public static SandboxPki create(Path dir, String name) {
    try {
      return new SandboxPki(dir, name);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create the sandbox CA: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The authority's name (its certificate's common name). */
  public String name() {
    return name;
  }

  /** The CA certificate as PEM ({@code ca.crt}: what clients name as their CA file). */
  public Path caCertificatePem() {
    return caPem;
  }

  /** The CA certificate. */
  public X509Certificate caCertificate() {
    return caCertificate;
  }

  /** A PKCS#12 trust store holding the CA certificate ({@link #password()}). */
  public Path trustStore() {
    return trustStore;
  }

  /** The password of every key and trust store this authority writes. */
  public String password() {
    return PASSWORD;
  }

  /**
   * A server certificate for 127.0.0.1, localhost and {@code extraNames} (DNS names or IPs),
   * written as {@code <name>.crt}, {@code <name>.key} and {@code <name>.p12}.
   */
  public IssuedCertificate server(String name, String... extraNames) {
    List<String> names = new ArrayList<>(List.of("127.0.0.1", "localhost"));
    names.addAll(List.of(extraNames));
    return issue(name, names, KeyPurposeId.id_kp_serverAuth);
  }

  /** A client certificate with common name {@code name}, for mutual TLS. */
  public IssuedCertificate client(String name) {
    return issue(name, List.of(), KeyPurposeId.id_kp_clientAuth);
  }

  /** An SSL context that trusts this authority only (a client's). */
  public SSLContext clientContext() {
    return context(null);
  }

  /** An SSL context presenting {@code identity} and trusting this authority (a TLS endpoint's). */
  public SSLContext context(IssuedCertificate identity) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", caCertificate);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (identity != null) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(
            identity.name(),
            identity.privateKey(),
            PASSWORD.toCharArray(),
            new Certificate[] {identity.certificate(), caCertificate});
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build an SSL context: " + e.getMessage(), e);
    }
  }

  private IssuedCertificate issue(String name, List<String> names, KeyPurposeId purpose) {
    try {
      KeyPair keys = newKeyPair();
      X509v3CertificateBuilder builder =
          builder(new X500Name("CN=" + this.name), new X500Name("CN=" + name), keys);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (!names.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, altNames(names));
      }
      X509Certificate certificate = sign(builder, caKeys.getPrivate());
      Path pem = writePem(dir.resolve(name + ".crt"), List.of(certificate, caCertificate));
      Path key = writePem(dir.resolve(name + ".key"), List.of(keys.getPrivate()));
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          name,
          keys.getPrivate(),
          PASSWORD.toCharArray(),
          new Certificate[] {certificate, caCertificate});
      Path p12 = writeStore(dir.resolve(name + ".p12"), store);
      return new IssuedCertificate(pem, key, p12, PASSWORD, name, certificate, keys.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue " + name + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static GeneralNames altNames(List<String> names) {
    List<GeneralName> general = new ArrayList<>();
    for (String n : names) {
      general.add(
          n.matches("[0-9.]+|[0-9a-fA-F:]+:[0-9a-fA-F:]*")
              ? new GeneralName(GeneralName.iPAddress, ipText(n))
              : new GeneralName(GeneralName.dNSName, n));
    }
    return new GeneralNames(general.toArray(GeneralName[]::new));
  }

  private static String ipText(String ip) {
    try {
      return InetAddress.getByName(ip).getHostAddress();
    } catch (IOException e) {
      throw new IllegalArgumentException("not an IP address: " + ip, e);
    }
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIALS.incrementAndGet()),
        Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(VALIDITY)),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048, new SecureRandom());
    return generator.generateKeyPair();
  }

  private static Path writePem(Path file, List<?> objects) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      for (Object o : objects) {
        pem.writeObject(
            o instanceof PrivateKey key ? new JcaPKCS8Generator(key, null).generate() : o);
      }
    }
    return Files.writeString(file, text.toString());
  }

  private static Path writeStore(Path file, KeyStore store)
      throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }
}
