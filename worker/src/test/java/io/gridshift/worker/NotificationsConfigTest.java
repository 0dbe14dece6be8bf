package io.gridshift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationsConfigTest {
  @TempDir Path dir;

  @Test
  void webhooksComeFromTheFileAndUnsetVariablesAreDropped() throws Exception {
    Path file = dir.resolve("worker.yaml");
    Files.writeString(
        file,
        """
        notifications:
          webhooks:
            - https://hooks.example/T000/B000/secret
            - ${GRIDSHIFT_TEST_UNSET_WEBHOOK}
            - ${GRIDSHIFT_TEST_UNSET_WEBHOOK2:-http://127.0.0.1:9999/hook}
        """);
    WorkerConfig config = WorkerConfig.load(file);
    assertThat(config.notifications().urls())
        .containsExactly(
            URI.create("https://hooks.example/T000/B000/secret"),
            URI.create("http://127.0.0.1:9999/hook"));
  }

  @Test
  void noNotificationsSectionMeansNoWebhooks() throws Exception {
    Path file = dir.resolve("worker.yaml");
    Files.writeString(file, "hostWorkflows: true\n");
    assertThat(WorkerConfig.load(file).notifications().webhooks()).isEmpty();
  }

  @Test
  void anInvalidWebhookIsRefusedWithoutRepeatingTheUrl() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        notifications:
          webhooks: ["ftp://files.example/secret-token", "not a url"]
        """);
    assertThatThrownBy(() -> WorkerConfig.load(file))
        .hasMessageContaining("notifications.webhooks[0] must be an http(s) URL")
        .hasMessageContaining("notifications.webhooks[1] is not a valid URL")
        .hasMessageNotContaining("secret-token");
  }

  @Test
  void aSigningKeyFileMustHoldAKey() throws Exception {
    Path key = dir.resolve("key");
    Files.writeString(key, "0123456789abcdef0123456789abcdef\n");
    Path file = dir.resolve("worker.yaml");
    Files.writeString(file, "notifications:\n  signingKeyFile: " + key + "\n");
    assertThat(WorkerConfig.load(file).notifications().signature()).isNotNull();

    Files.writeString(key, "short\n");
    assertThatThrownBy(() -> WorkerConfig.load(file))
        .hasMessageContaining("notifications.signingKeyFile " + key + " holds 5 bytes")
        .hasMessageContaining("openssl rand -hex 32");
    Files.delete(key);
    assertThatThrownBy(() -> WorkerConfig.load(file)).hasMessageContaining("cannot be read");
  }

  @Test
  void anUnsetSigningKeyVariableMeansUnsigned() throws Exception {
    Path file = dir.resolve("worker.yaml");
    Files.writeString(file, "notifications:\n  signingKeyFile: ${GRIDSHIFT_TEST_UNSET_KEY_FILE}\n");
    assertThat(WorkerConfig.load(file).notifications().signature()).isNull();
  }
}
