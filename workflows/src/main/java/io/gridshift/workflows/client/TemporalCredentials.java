package io.gridshift.workflows.client;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * Reads the files a {@link TemporalAccess} names (CA, client certificate and key, API key) when a
 * process starts, so that a missing, unreadable or malformed file stops it at once with a message
 * naming the file and the setting, instead of surfacing later as an opaque gRPC error.
 *
 * <p>The TLS context is gRPC's own ({@link GrpcSslContexts#forClient()}: ALPN {@code h2}, the
 * ciphers gRPC allows), as the SDK's {@code SimpleSslContextBuilder} builds it; with no CA file the
 * JVM's trusted CAs verify the server (Temporal Cloud).
 */
final class TemporalCredentials {
  private TemporalCredentials() {}

  /** The client TLS context for {@code tls}; an IllegalArgumentException names a bad file. */
  static SslContext sslContext(TemporalTls tls) {
    SslContextBuilder builder = GrpcSslContexts.forClient();
    if (tls.caFile() != null) {
      Path ca = readable(tls.caFile(), "temporal.tls.caFile", "GRIDSHIFT_TEMPORAL_TLS_CA");
      try {
        builder.trustManager(ca.toFile());
      } catch (IllegalArgumentException e) {
        throw malformed(ca, "temporal.tls.caFile", "PEM CA certificate(s)", e);
      }
    }
    if (tls.mutual()) {
      Path cert = readable(tls.certFile(), "temporal.tls.certFile", "GRIDSHIFT_TEMPORAL_TLS_CERT");
      Path key = readable(tls.keyFile(), "temporal.tls.keyFile", "GRIDSHIFT_TEMPORAL_TLS_KEY");
      try {
        builder.keyManager(cert.toFile(), key.toFile());
      } catch (IllegalArgumentException e) {
        throw malformed(
            cert,
            "temporal.tls.certFile/keyFile",
            "a PEM certificate chain and its PEM PKCS#8 key (" + key + ")",
            e);
      }
    }
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalArgumentException(
          "temporal tls: the TLS settings cannot be used (" + e.getMessage() + ")", e);
    }
  }

  /** The API key, from {@code apiKey} or read from {@code apiKeyFile}; null when neither is set. */
  static String apiKey(TemporalAccess access) {
    if (access.apiKey() != null) {
      return access.apiKey();
    }
    if (access.apiKeyFile() == null) {
      return null;
    }
    Path file =
        readable(access.apiKeyFile(), "temporal.apiKeyFile", "GRIDSHIFT_TEMPORAL_API_KEY_FILE");
    try {
      String key = Files.readString(file).strip();
      if (key.isEmpty()) {
        throw new IllegalArgumentException(
            "temporal.apiKeyFile " + file + " is empty; it must hold the Temporal API key");
      }
      return key;
    } catch (IOException e) {
      throw unreadable(file, "temporal.apiKeyFile", "GRIDSHIFT_TEMPORAL_API_KEY_FILE", e);
    }
  }

  private static Path readable(String name, String setting, String variable) {
    Path file = Path.of(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          setting
              + " "
              + file
              + " does not exist (or is not a file); mount it there or fix "
              + setting
              + " ("
              + variable
              + " for the CLI)");
    }
    if (!Files.isReadable(file)) {
      throw unreadable(file, setting, variable, null);
    }
    return file;
  }

  private static IllegalArgumentException unreadable(
      Path file, String setting, String variable, IOException cause) {
    return new IllegalArgumentException(
        setting
            + " "
            + file
            + " cannot be read by this process"
            + (cause == null ? "" : " (" + cause + ")")
            + "; check its permissions, or fix "
            + setting
            + " ("
            + variable
            + " for the CLI)",
        cause);
  }

  private static IllegalArgumentException malformed(
      Path file, String setting, String expected, IllegalArgumentException cause) {
    String why = cause.getCause() == null ? cause.getMessage() : cause.getCause().getMessage();
    return new IllegalArgumentException(
        setting + " " + file + " must hold " + expected + " (" + why + ")", cause);
  }
}
