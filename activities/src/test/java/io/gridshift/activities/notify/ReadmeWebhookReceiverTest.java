package io.gridshift.activities.notify;

import static io.gridshift.activities.notify.WebhookNotificationTest.GATE_OPENED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver's check printed in the README (Python), run as a real HTTP receiver on 127.0.0.1: it
 * accepts what the worker signs with the same key, and refuses it with another key.
 */
class ReadmeWebhookReceiverTest {
  private static final Path README = Path.of("..", "README.md");

  @TempDir Path dir;

  @Test
  void theReadmesPythonCheckAcceptsTheWorkersSignatureAndRefusesAnotherKey() throws Exception {
    assumeTrue(python() != null, "needs python3 on the PATH");
    Path workerKey = dir.resolve("worker-key");
    Files.writeString(workerKey, "a".repeat(64) + "\n");
    Path otherKey = dir.resolve("other-key");
    Files.writeString(otherKey, "b".repeat(64) + "\n");
    WebhookSignature signature = new WebhookSignature(workerKey);

    Process same = receiver(workerKey);
    try {
      URI url = URI.create("http://127.0.0.1:" + port(same) + "/hook");
      // Delivered: the receiver answered 200, so its check passed.
      new WebhookNotificationActivitiesImpl(List.of(url), signature).notify(GATE_OPENED);
    } finally {
      same.destroy();
    }

    Process other = receiver(otherKey);
    try {
      URI url = URI.create("http://127.0.0.1:" + port(other) + "/hook");
      ApplicationFailure refused =
          catchThrowableOfType(
              ApplicationFailure.class,
              () ->
                  new WebhookNotificationActivitiesImpl(List.of(url), signature)
                      .notify(GATE_OPENED));
      assertThat(refused.getType()).isEqualTo(FailureTypes.WEBHOOK_REJECTED);
      assertThat(refused.getMessage()).contains("answered 401");
    } finally {
      other.destroy();
    }
  }

  /** The README's {@code python} block, verbatim. */
  private static String readmeSnippet() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("```python\n");
    assertThat(start).as("a ```python block in the README").isNotNegative();
    int end = readme.indexOf("```", start + 10);
    return readme.substring(start + "```python\n".length(), end);
  }

  private Process receiver(Path keyFile) throws IOException {
    Path script = dir.resolve("receiver.py");
    Files.writeString(
        script,
        readmeSnippet()
            + """

            import http.server, sys
            key = open(sys.argv[1]).read().strip().encode()
            class Hook(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    body = self.rfile.read(int(self.headers["Content-Length"]))
                    self.send_response(200 if verify(key, self.headers, body) else 401)
                    self.end_headers()
                def log_message(self, *args):
                    pass
            server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
            print(server.server_port, flush=True)
            server.serve_forever()
            """);
    return new ProcessBuilder(python(), script.toString(), keyFile.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static int port(Process receiver) throws IOException, InterruptedException {
    BufferedReader out =
        new BufferedReader(
            new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null) {
      receiver.waitFor(5, TimeUnit.SECONDS);
      throw new AssertionError("the Python receiver did not start");
    }
    return Integer.parseInt(line.strip());
  }

  private static String python() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "python3"))) {
        return Path.of(dir, "python3").toString();
      }
    }
    return null;
  }
}
