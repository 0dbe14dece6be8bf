package io.gridshift.activities.infinispan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * How a target grid's remote stores trust a source that speaks TLS. The remote store is a Hot Rod
 * client inside every target server, and it reads its CA from a trust store file on that server, so
 * gridshift places one there:
 *
 * <ul>
 *   <li>deploy-target creates Secret {@code <target>-source-trust} beside the target (labelled and
 *       claimed like the target's other objects) holding the source's CA ({@code ca.crt} of the
 *       request's {@code tlsSecret}) as a PKCS#12 trust store ({@link #STORE_KEY}), its password
 *       ({@link #PASSWORD_KEY}, generated, kept only in that Secret) and the CA it was made from
 *       ({@link #CA_KEY}, so a retry keeps the store and password when the CA is unchanged);
 *   <li>the target pods mount that Secret at {@link #MOUNT_PATH}, and their container gets {@link
 *       #FILE_ENV} (the store's path under the mount) and {@link #PASSWORD_ENV} (a reference to the
 *       Secret's password key);
 *   <li>the remote store's {@code security.encryption.truststore} says {@code filename:
 *       ${env.GRIDSHIFT_SOURCE_TRUSTSTORE}} and {@code password:
 *       ${env.GRIDSHIFT_SOURCE_TRUSTSTORE_PASSWORD}}, which the server resolves from its own
 *       environment when it parses the cache configuration (Infinispan's property replacement,
 *       {@code env.} prefix), and {@code sni-hostname} the source Service's DNS name, which the
 *       source's certificate carries and the store's Hot Rod client validates (hostname validation
 *       is on by default in 15).
 * </ul>
 *
 * <p>Why an environment variable rather than the literal path: on a cluster both are the same file,
 * but the server then names the file the way its pod says, so a runtime that materialises mounts
 * elsewhere (the sandbox runs servers as local processes and rewrites environment values under a
 * mount path to where it put the mount) works without gridshift knowing. PKCS#12 rather than PEM
 * because the remote store's trust store is loaded by type through the JDK's KeyStore, and PKCS#12
 * is the type every JDK reads.
 */
public final class SourceTrustStore {
  /** Where target pods mount the trust Secret. */
  public static final String MOUNT_PATH = "/etc/gridshift/source-trust";

  /** The trust store's key in the Secret, and its file name under {@link #MOUNT_PATH}. */
  public static final String STORE_KEY = "truststore.p12";

  /** The trust store password's key in the Secret. */
  public static final String PASSWORD_KEY = "password";

  /** The CA (PEM) the store was made from. */
  public static final String CA_KEY = GridTrust.CA_KEY;

  /** The target container's variable with the trust store's path. */
  public static final String FILE_ENV = "GRIDSHIFT_SOURCE_TRUSTSTORE";

  /** The target container's variable with the trust store's password (a Secret reference). */
  public static final String PASSWORD_ENV = "GRIDSHIFT_SOURCE_TRUSTSTORE_PASSWORD";

  /** The Secret's volume name in the target pod template. */
  public static final String VOLUME = "gridshift-source-trust";

  private SourceTrustStore() {}

  /** The trust Secret's name for {@code targetGrid}. */
  public static String secretName(String targetGrid) {
    return targetGrid + "-source-trust";
  }

  /** The store's path in a target pod. */
  public static String path() {
    return MOUNT_PATH + "/" + STORE_KEY;
  }

  /** A new random password for a trust store. */
  public static String newPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * A PKCS#12 trust store holding every CA certificate of {@code caPem}.
   *
   * @throws IllegalArgumentException when {@code caPem} holds no certificate
   */
  public static byte[] pkcs12(String secret, String caPem, String password) {
    GridTrust trust = new GridTrust(secret, caPem);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (var ca : trust.authorities()) {
        store.setCertificateEntry("source-ca-" + i++, ca);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, password.toCharArray());
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a PKCS#12 trust store: " + e.getMessage(), e);
    }
  }
}
