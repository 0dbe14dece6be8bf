package io.gridshift.sandbox.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.sandbox.tls.IssuedCertificate;
import io.gridshift.sandbox.tls.SandboxPki;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.gridshift.workflows.client.TemporalConnectionCheck;
import io.gridshift.workflows.client.TemporalTls;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API key (Temporal Cloud's credential) as it leaves a gridshift process: read from {@code
 * apiKeyFile} at start and sent as {@code authorization: Bearer <key>} on every call, over TLS.
 *
 * <p>What is real and what is not: the client side is the real {@link TemporalClients} stubs over a
 * real TLS gRPC connection; the server is a small gRPC server that only answers {@code
 * GetSystemInfo} and records the header it received. It does not check the key the way Temporal
 * Cloud does (no Temporal server here can), so this shows what is sent, not that a cloud accepts
 * it.
 */
class TemporalApiKeyTest {
  @TempDir static Path dir;
  private static SandboxPki pki;
  private static Server server;
  private static final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    pki = SandboxPki.create(dir.resolve("pki"), "sandbox-ca");
    IssuedCertificate identity = pki.server("temporal");
    Metadata.Key<String> authorization =
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    ServerInterceptor recorder =
        new ServerInterceptor() {
          @Override
          public <Q, A> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            authorizations.add(String.valueOf(headers.get(authorization)));
            return next.startCall(call, headers);
          }
        };
    WorkflowServiceGrpc.WorkflowServiceImplBase frontend =
        new WorkflowServiceGrpc.WorkflowServiceImplBase() {
          @Override
          public void getSystemInfo(
              GetSystemInfoRequest request, StreamObserver<GetSystemInfoResponse> answer) {
            answer.onNext(GetSystemInfoResponse.newBuilder().setServerVersion("api-key").build());
            answer.onCompleted();
          }
        };
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .sslContext(
                GrpcSslContexts.forServer(
                        identity.certificatePem().toFile(), identity.privateKeyPem().toFile())
                    .build())
            .addService(ServerInterceptors.intercept(frontend, recorder))
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  private static TemporalAccess access(String apiKeyFile, TemporalTls tls) {
    return new TemporalAccess(
        "127.0.0.1:" + server.getPort(), "gridshift.a1b2c", tls, null, apiKeyFile, null);
  }

  @Test
  void theKeyFromApiKeyFileTravelsAsABearerToken() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("api-key"), "secret-key-123\n");
    TemporalTls ca = new TemporalTls(null, pki.caCertificatePem().toString(), null, null, null);
    TemporalAccess access = access(keyFile.toString(), ca);
    authorizations.clear();
    WorkflowServiceStubs stubs = TemporalClients.stubs(access);
    try {
      assertThat(TemporalConnectionCheck.ask(stubs, access).version()).isEqualTo("api-key");
    } finally {
      stubs.shutdownNow();
    }
    assertThat(authorizations).contains("Bearer secret-key-123");
  }

  @Test
  void withoutTlsSettingsAnApiKeyStillGoesOverTlsWithTheJvmsCas() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("api-key-2"), "k");
    TemporalAccess access = access(keyFile.toString(), null);
    authorizations.clear();
    WorkflowServiceStubs stubs = TemporalClients.stubs(access);
    try {
      // The sandbox CA is not among the JVM's: the TLS handshake, not a plain-text call, fails.
      assertThat(TemporalConnectionCheck.ask(stubs, access).problem())
          .contains("the server's certificate is not signed by a CA the JVM trusts");
    } finally {
      stubs.shutdownNow();
    }
    assertThat(authorizations).isEmpty();
  }

  @Test
  void aMissingApiKeyFileStopsTheProcessNamingTheFileAndTheSetting() {
    String missing = dir.resolve("nowhere/key").toString();
    assertThatThrownBy(() -> TemporalClients.stubsOptions(access(missing, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("temporal.apiKeyFile " + missing + " does not exist")
        .hasMessageContaining("GRIDSHIFT_TEMPORAL_API_KEY_FILE");
  }

  @Test
  void anEmptyApiKeyFileIsRefused() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty-key"), "  \n");
    assertThatThrownBy(() -> TemporalClients.stubsOptions(access(empty.toString(), null)))
        .hasMessageContaining("temporal.apiKeyFile " + empty + " is empty");
  }
}
