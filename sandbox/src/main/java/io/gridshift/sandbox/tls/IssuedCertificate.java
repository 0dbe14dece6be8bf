package io.gridshift.sandbox.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A certificate the sandbox's CA issued, written in the forms servers and clients read.
 *
 * @param certificatePem PEM certificate followed by the CA's (the chain a server presents)
 * @param privateKeyPem PEM PKCS#8 private key (what gRPC/Netty and most servers read)
 * @param keyStore PKCS#12 key store holding the key and chain under alias {@code name}
 * @param password the key store's password (and its key's)
 * @param name the alias in the key store, and the certificate's common name
 * @param certificate the certificate
 * @param privateKey its private key
 */
public record IssuedCertificate(
    Path certificatePem,
    Path privateKeyPem,
    Path keyStore,
    String password,
    String name,
    X509Certificate certificate,
    PrivateKey privateKey) {}
