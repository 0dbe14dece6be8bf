package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.openshift.api.model.RouteBuilder;
import io.fabric8.openshift.client.OpenShiftClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceRouterTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int PORT = 8080;

  @TempDir Path dir;
  KubeWorld world;

  @BeforeEach
  void start() throws Exception {
    world = new KubeWorld(dir, new EchoPodRuntime());
    world.add(new ServiceRouter(world.client, KubeWorld.INTERVAL).start());
    for (String name : List.of("a-0", "a-1", "b-0")) {
      create(name, name.substring(0, 1), Map.of());
    }
    // Matches the selector but never becomes ready: must never get a connection.
    create("a-slow", "a", Map.of(FakePodRuntime.READY_AFTER, "600000"));
    KubeWorld.await(
        "echo pods ready",
        TIMEOUT,
        () -> world.pods().stream().filter(Pods::isRunningAndReady).count() == 3);
  }

  @AfterEach
  void stop() throws Exception {
    world.close();
  }

  @Test
  void connectionsGoRoundRobinToReadyPodsOfTheSelectorOnly() throws Exception {
    String ip = createService("a");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      try (Connection c = connect(ip)) {
        seen.add(c.greeting);
        assertThat(c.echo("hello " + i)).isEqualTo("hello " + i);
      }
    }
    assertThat(seen).containsExactlyInAnyOrder("a-0", "a-1");
  }

  @Test
  void carriesThousandsOfRequestsPerSecondOverOneConnection() throws Exception {
    String ip = createService("a");
    try (Connection c = connect(ip)) {
      c.echo("warm-up");
      int n = 3000;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        assertThat(c.echo("request " + i)).isEqualTo("request " + i);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took)
          .as("%d round trips through the Service", n)
          .isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void newConnectionsFollowASelectorChangeWhileOpenOnesKeepTheirBackend() throws Exception {
    String ip = createService("a");
    try (Connection before = connect(ip)) {
      assertThat(before.greeting).startsWith("a-");

      world
          .client
          .services()
          .withName("grid")
          .edit(
              s ->
                  new ServiceBuilder(s)
                      .editSpec()
                      .withSelector(Map.of("app", "b"))
                      .endSpec()
                      .build());
      KubeWorld.await("new connections reach b-0", TIMEOUT, () -> greetingOrNull(ip).equals("b-0"));
      for (int i = 0; i < 3; i++) {
        assertThat(greetingOrNull(ip)).isEqualTo("b-0");
      }
      assertThat(before.echo("still here")).isEqualTo("still here");
    }
  }

  @Test
  void withoutReadyPodsConnectionsAreRefusedAndADeletedServiceStopsListening() throws Exception {
    String ip = createService("b");
    assertThat(greetingOrNull(ip)).isEqualTo("b-0");

    world.client.pods().withName("b-0").delete();
    KubeWorld.await("b-0 gone", TIMEOUT, () -> world.pod("b-0") == null);
    assertThat(greetingOrNull(ip)).as("no endpoint: the connection is closed at once").isEmpty();

    world.client.services().withName("grid").delete();
    KubeWorld.await("listener closed", TIMEOUT, () -> refused(ip));
    assertThatThrownBy(() -> new Socket(ip, PORT).close()).isInstanceOf(ConnectException.class);
  }

  /**
   * An OpenShift Route gets a loopback host from the API and is served there, to the pods of the
   * Service it names; moving it to another Service (as an upgrade's switch does) moves the next
   * connections; a deleted Route stops listening.
   */
  @Test
  void aRouteIsServedOnItsHostAndFollowsItsServiceWhenMoved() throws Exception {
    createService("a");
    world
        .client
        .services()
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("grid-b")
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "b")
                .addNewPort()
                .withName("tcp")
                .withPort(PORT)
                .withTargetPort(new IntOrString("tcp"))
                .endPort()
                .endSpec()
                .build())
        .create();
    var routes = world.client.adapt(OpenShiftClient.class).routes();
    String host =
        routes
            .resource(
                new RouteBuilder()
                    .withNewMetadata()
                    .withName("clients")
                    .endMetadata()
                    .withNewSpec()
                    .withNewTo()
                    .withKind("Service")
                    .withName("grid")
                    .endTo()
                    .endSpec()
                    .build())
            .create()
            .getSpec()
            .getHost();
    assertThat(host).startsWith("127.");
    KubeWorld.await("route listening on " + host, TIMEOUT, () -> !refused(host));
    assertThat(greetingOrNull(host)).startsWith("a-");

    routes
        .withName("clients")
        .edit(
            r ->
                new RouteBuilder(r)
                    .editSpec()
                    .editTo()
                    .withName("grid-b")
                    .endTo()
                    .endSpec()
                    .build());
    assertThat(routes.withName("clients").get().getSpec().getHost()).isEqualTo(host);
    KubeWorld.await("route reaches b-0", TIMEOUT, () -> "b-0".equals(greetingOrNull(host)));

    routes.withName("clients").delete();
    KubeWorld.await("route stops listening", TIMEOUT, () -> refused(host));
  }

  private String createService(String app) throws InterruptedException {
    Service service =
        world
            .client
            .services()
            .resource(
                new ServiceBuilder()
                    .withNewMetadata()
                    .withName("grid")
                    .endMetadata()
                    .withNewSpec()
                    .addToSelector("app", app)
                    .addNewPort()
                    .withName("tcp")
                    .withPort(PORT)
                    .withTargetPort(new IntOrString("tcp"))
                    .endPort()
                    .endSpec()
                    .build())
            .create();
    String ip = service.getSpec().getClusterIP();
    KubeWorld.await("listening on " + ip, TIMEOUT, () -> !refused(ip));
    return ip;
  }

  private void create(String name, String app, Map<String, String> annotations) {
    Pod pod = KubeletTest.pod(name, "echo/server:1", 1, annotations);
    pod.getMetadata().getLabels().put("app", app);
    pod.getSpec()
        .getContainers()
        .get(0)
        .setPorts(
            List.of(
                new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                    .withName("tcp")
                    .withContainerPort(EchoPodRuntime.PORT)
                    .build()));
    world.client.pods().resource(pod).create();
  }

  /**
   * Whether the connection is refused; one accepted and reset at once (a Service without endpoints)
   * is not, even when the reset reaches the client before connect() returns.
   */
  private static boolean refused(String ip) {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(ip, PORT), 1000);
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return false; // accepted, then reset: something listens
    } finally {
      TcpPipe.closeQuietly(s);
    }
  }

  /** The greeting of a new connection, or "" when the router closes it without one. */
  private static String greetingOrNull(String ip) {
    try (Connection c = connect(ip)) {
      return c.greeting == null ? "" : c.greeting;
    } catch (IOException e) {
      return "";
    }
  }

  private static Connection connect(String ip) throws IOException {
    return new Connection(new Socket(ip, PORT));
  }

  /** A client connection through the Service. */
  static final class Connection implements AutoCloseable {
    final Socket socket;
    final BufferedReader in;
    final PrintWriter out;
    final String greeting;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      socket.setSoTimeout(5000);
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
      greeting = in.readLine();
    }

    String echo(String line) throws IOException {
      out.println(line);
      return in.readLine();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
