package io.gridshift.workflows.client;

import com.uber.m3.tally.Scope;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;

/**
 * The one place every gridshift process (worker, agent, CLI, REST service, demos) builds its
 * Temporal connection and client from a {@link TemporalAccess}, so transport security and payload
 * encryption are the same everywhere.
 */
public final class TemporalClients {
  private TemporalClients() {}

  /**
   * Service stubs to {@code access}' target (connected lazily, on the first call; {@link
   * TemporalConnectionCheck} asks at once). An IllegalArgumentException names a TLS or API key file
   * that is missing, unreadable or malformed.
   */
  public static WorkflowServiceStubs stubs(TemporalAccess access) {
    return WorkflowServiceStubs.newServiceStubs(stubsOptions(access));
  }

  /**
   * As {@link #stubs(TemporalAccess)}, reporting the SDK's metrics (and the workflows' and
   * activities' own, which derive from it) to {@code metricsScope}; null reports nowhere.
   */
  public static WorkflowServiceStubs stubs(TemporalAccess access, Scope metricsScope) {
    if (metricsScope == null) {
      return stubs(access);
    }
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder(stubsOptions(access))
            .setMetricsScope(metricsScope)
            .build());
  }

  /**
   * The stubs' options: target, transport security and credentials, with every file read now.
   *
   * <ol>
   *   <li>TLS when {@link TemporalTls#enabled()}: gRPC's client context with the CA file (else the
   *       JVM's CAs) and, for mutual TLS, the client certificate and key.
   *   <li>{@code serverName}: the authority (and SNI) the server's certificate is checked against.
   *   <li>An API key is sent as {@code Authorization: Bearer <key>} on every call (the SDK's {@code
   *       addApiKey}); the SDK then uses TLS with the JVM's CAs unless TLS is configured, since a
   *       bearer token must not travel in clear.
   * </ol>
   */
  public static WorkflowServiceStubsOptions stubsOptions(TemporalAccess access) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget(access.target());
    TemporalTls tls = access.tls();
    if (tls.enabled()) {
      options.setEnableHttps(true).setSslContext(TemporalCredentials.sslContext(tls));
    }
    if (tls.serverName() != null) {
      options.setChannelInitializer(channel -> channel.overrideAuthority(tls.serverName()));
    }
    String apiKey = TemporalCredentials.apiKey(access);
    if (apiKey != null) {
      options.addApiKey(() -> apiKey);
    }
    return options.build();
  }

  /** The data converter of every client and worker: gridshift's payloads, encrypted if set. */
  public static DataConverter dataConverter(TemporalAccess access) {
    if (!access.encryption().enabled()) {
      return GridKinds.dataConverter();
    }
    // Failure attributes (messages, stack traces) are encoded too: they name grids and caches.
    // Failure types and the non-retryable flag stay readable, so retries and callers still work.
    return new CodecDataConverter(
        GridKinds.dataConverter(), List.of(payloadCodec(access.encryption())), true);
  }

  /**
   * The codec that encrypts payloads with {@code encryption}'s keys, read from their files now (a
   * missing, non-base64 or wrong-size key file fails here, with the key's id and file).
   */
  public static EncryptingPayloadCodec payloadCodec(PayloadEncryption encryption) {
    return new EncryptingPayloadCodec(PayloadKeyRing.load(encryption));
  }

  /** Client options for {@code access}' namespace; {@code identity} may be null (SDK default). */
  public static WorkflowClientOptions.Builder clientOptions(
      TemporalAccess access, String identity) {
    WorkflowClientOptions.Builder options =
        WorkflowClientOptions.newBuilder()
            .setNamespace(access.namespace())
            .setDataConverter(dataConverter(access));
    return identity == null ? options : options.setIdentity(identity);
  }

  /** A client on {@code stubs} for {@code access}. */
  public static WorkflowClient client(
      WorkflowServiceStubs stubs, TemporalAccess access, String identity) {
    return WorkflowClient.newInstance(stubs, clientOptions(access, identity).build());
  }
}
