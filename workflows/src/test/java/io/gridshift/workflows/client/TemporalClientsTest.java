package io.gridshift.workflows.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a TLS or API key setting names are read when the stubs' options are built (at start): a
 * missing or malformed one is refused naming the file and the setting. Connections over real TLS
 * are tested in the sandbox module (TlsTemporalFrontTest, TemporalApiKeyTest).
 */
class TemporalClientsTest {
  @TempDir Path dir;

  private static TemporalAccess withTls(TemporalTls tls) {
    return TemporalAccess.plain("127.0.0.1:7233").withTls(tls);
  }

  @Test
  void plainAccessHasNoTlsAndNoCredentials() {
    WorkflowServiceStubsOptions options =
        TemporalClients.stubsOptions(TemporalAccess.plain("127.0.0.1:7233"));
    assertThat(options.getEnableHttps()).isFalse();
    assertThat(options.getSslContext()).isNull();
    assertThat(options.getGrpcMetadataProviders()).isNullOrEmpty();
  }

  @Test
  void enabledAloneUsesTlsWithTheJvmsCas() {
    WorkflowServiceStubsOptions options =
        TemporalClients.stubsOptions(withTls(new TemporalTls(true, null, null, null, null)));
    assertThat(options.getEnableHttps()).isTrue();
    assertThat(options.getSslContext()).isNotNull();
  }

  @Test
  void aMissingCaFileIsNamedWithItsSetting() {
    String missing = dir.resolve("ca.crt").toString();
    assertThatThrownBy(
            () ->
                TemporalClients.stubsOptions(
                    withTls(new TemporalTls(null, missing, null, null, null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("temporal.tls.caFile " + missing + " does not exist")
        .hasMessageContaining("GRIDSHIFT_TEMPORAL_TLS_CA for the CLI");
  }

  @Test
  void aCaFileThatIsNotPemSaysWhatItMustHold() throws Exception {
    Path garbage = Files.writeString(dir.resolve("ca.crt"), "not a certificate");
    assertThatThrownBy(
            () ->
                TemporalClients.stubsOptions(
                    withTls(new TemporalTls(null, garbage.toString(), null, null, null))))
        .hasMessageStartingWith(
            "temporal.tls.caFile " + garbage + " must hold PEM CA certificate(s)");
  }

  @Test
  void aMissingClientKeyIsNamedWithItsSetting() throws Exception {
    Path cert = Files.writeString(dir.resolve("tls.crt"), "x");
    String key = dir.resolve("tls.key").toString();
    assertThatThrownBy(
            () ->
                TemporalClients.stubsOptions(
                    withTls(new TemporalTls(null, null, cert.toString(), key, null))))
        .hasMessageStartingWith("temporal.tls.keyFile " + key + " does not exist");
  }

  @Test
  void anApiKeyIsSentThroughTheSdksMetadataProvider() {
    TemporalAccess access = new TemporalAccess("127.0.0.1:7233", null, null, "k-123", null, null);
    WorkflowServiceStubsOptions options = TemporalClients.stubsOptions(access);
    assertThat(options.getGrpcMetadataProviders()).hasSize(1);
    assertThat(
            options
                .getGrpcMetadataProviders()
                .iterator()
                .next()
                .getMetadata()
                .get(
                    io.grpc.Metadata.Key.of(
                        "authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("Bearer k-123");
  }
}
