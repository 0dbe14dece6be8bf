package io.gridshift.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.gridshift.workflows.common.Versions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exec API of the sandbox's pods ({@code GET /api/v1/namespaces/<ns>/pods/<pod>/exec?command=
 * ...}, upgraded to a websocket), as kube-apiserver and the kubelet serve it with the {@code
 * v4.channel.k8s.io} protocol: every frame starts with its channel, 1 stdout, 2 stderr, 3 the end
 * status ({@code metav1.Status}: Success, or Failure with reason NonZeroExitCode and the exit code
 * as the ExitCode cause).
 *
 * <p>The sandbox's pods are processes, not containers: a command runs only when the sandbox knows
 * how to run it for that pod. Today that is the Infinispan server's CLI ({@link InfinispanCli});
 * anything else ends with exit code 126 and says so on stderr. Stdin and TTYs are not offered.
 */
final class PodExec {
  private static final Logger log = LoggerFactory.getLogger(PodExec.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PATH =
      Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/?]+)/exec(?:\\?(.*))?$");
  private static final byte STDOUT = 1;
  private static final byte STDERR = 2;
  private static final byte STATUS = 3;

  private PodExec() {}

  /**
   * What a command did.
   *
   * @param exitCode its exit code
   * @param stdout its standard output
   * @param stderr its standard error
   */
  record Outcome(int exitCode, String stdout, String stderr) {}

  /**
   * An exec request.
   *
   * @param namespace the pod's namespace
   * @param pod the pod's name
   * @param container the container named, or null
   * @param command the command and its arguments
   */
  record Call(String namespace, String pod, String container, List<String> command) {}

  /** The exec call {@code path} asks for, or empty when it is no exec request. */
  static Optional<Call> parse(String path) {
    Matcher m = PATH.matcher(path == null ? "" : path);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    String container = null;
    for (String pair : m.group(3) == null ? new String[0] : m.group(3).split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = pair.substring(0, eq);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (key.equals("command")) {
        command.add(value);
      } else if (key.equals("container")) {
        container = value;
      }
    }
    return Optional.of(new Call(m.group(1), m.group(2), container, command));
  }

  /**
   * The answer to {@code call} for {@code pod} (the stored Pod's JSON, or null when there is no
   * such pod): 404, 400 while the pod has no IP, else the websocket that runs the command.
   */
  static MockResponse respond(Call call, String pod) {
    if (pod == null) {
      return status(404, "pods \"" + call.pod() + "\" not found", "NotFound");
    }
    JsonNode node = read(pod);
    String ip = node.path("status").path("podIP").asText("");
    if (ip.isEmpty()) {
      return status(400, "pod " + call.pod() + " has no IP yet: it is not running", "BadRequest");
    }
    String image = image(node, call.container());
    return new MockResponse()
        .setResponseCode(101)
        .addHeader("Sec-WebSocket-Protocol", "v4.channel.k8s.io")
        .withWebSocketUpgrade(new Session(call, ip, image));
  }

  /** Runs the command once the websocket is open, then sends its output and status and closes. */
  private static final class Session extends WebSocketListener {
    private final Call call;
    private final String ip;
    private final String image;

    Session(Call call, String ip, String image) {
      this.call = call;
      this.ip = ip;
      this.image = image;
    }

    @Override
    public void onOpen(WebSocket socket, Response response) {
      Thread thread = new Thread(() -> runAndAnswer(socket), "sandbox-exec-" + call.pod());
      thread.setDaemon(true);
      thread.start();
    }

    private void runAndAnswer(WebSocket socket) {
      Outcome outcome;
      try {
        outcome = run();
      } catch (Exception e) {
        outcome = new Outcome(126, "", "sandbox exec failed: " + e + "\n");
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
      log.info(
          "exec in pod {}/{}: {} -> exit {}",
          call.namespace(),
          call.pod(),
          call.command(),
          outcome.exitCode());
      send(socket, STDOUT, outcome.stdout());
      send(socket, STDERR, outcome.stderr());
      send(socket, STATUS, statusJson(outcome.exitCode()));
      socket.close(1000, "");
    }

    private Outcome run() throws Exception {
      if (!InfinispanCli.handles(call.command())) {
        return new Outcome(
            126,
            "",
            "the sandbox runs only the Infinispan CLI (bin/cli.sh) in its pods, not "
                + call.command()
                + "\n");
      }
      String version = image == null ? null : Versions.imageTag(image);
      return InfinispanCli.run(call.command(), ip, version);
    }
  }

  private static void send(WebSocket socket, byte channel, String text) {
    if (text.isEmpty()) {
      return;
    }
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[data.length + 1];
    frame[0] = channel;
    System.arraycopy(data, 0, frame, 1, data.length);
    socket.send(frame);
  }

  static String statusJson(int exitCode) {
    if (exitCode == 0) {
      return "{\"metadata\":{},\"status\":\"Success\"}";
    }
    return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero"
        + " exit code: error executing command, exit code "
        + exitCode
        + "\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\","
        + "\"message\":\""
        + exitCode
        + "\"}]}}";
  }

  private static String image(JsonNode pod, String container) {
    for (JsonNode c : pod.path("spec").path("containers")) {
      if (container == null || container.equals(c.path("name").asText())) {
        return c.path("image").asText(null);
      }
    }
    return null;
  }

  private static MockResponse status(int code, String message, String reason) {
    return new MockResponse()
        .setResponseCode(code)
        .addHeader("Content-Type", "application/json")
        .setBody(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":"
                + JSON.valueToTree(message)
                + ",\"reason\":\""
                + reason
                + "\",\"code\":"
                + code
                + "}");
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("stored pod is not JSON", e);
    }
  }
}
