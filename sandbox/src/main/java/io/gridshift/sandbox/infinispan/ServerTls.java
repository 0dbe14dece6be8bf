package io.gridshift.sandbox.infinispan;

import java.util.Arrays;

/**
 * A TLS identity for an Infinispan server's endpoint, in the form the Infinispan Operator takes it
 * from a keystore Secret ({@code keystore.p12} and {@code password}): the server presents it on the
 * single endpoint (Hot Rod and REST), configured as the security realm's {@code server-identities}
 * {@code ssl} keystore. Written to {@code conf/}{@value #KEYSTORE_FILE}.
 *
 * @param keyStore PKCS#12 bytes holding one key entry (key and certificate chain)
 * @param password the key store's (and its key's) password
 */
public record ServerTls(byte[] keyStore, String password) {
  /** The key store's file name under {@code conf/}. */
  public static final String KEYSTORE_FILE = "server-keystore.p12";

  /** The Secret keys the Infinispan Operator reads a custom keystore from. */
  public static final String SECRET_KEYSTORE_KEY = "keystore.p12";

  public static final String SECRET_PASSWORD_KEY = "password";

  public ServerTls {
    keyStore = keyStore.clone();
  }

  @Override
  public byte[] keyStore() {
    return keyStore.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerTls t
        && Arrays.equals(t.keyStore, keyStore)
        && t.password.equals(password);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(keyStore);
  }

  @Override
  public String toString() {
    return "ServerTls[" + keyStore.length + " bytes]";
  }
}
