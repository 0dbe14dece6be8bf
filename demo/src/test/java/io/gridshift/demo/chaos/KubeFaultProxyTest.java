package io.gridshift.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.gridshift.sandbox.kube.LocalKubernetesApi;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault proxy in front of the sandbox's real Kubernetes API (fabric8 mock, CRUD, with the
 * sandbox dispatcher), used by fabric8's own client over the JDK HTTP client as the worker uses it,
 * with the client's retries off so each fault reaches the caller. The API is also read directly, to
 * tell whether a faulted write happened.
 */
class KubeFaultProxyTest {
  private static final String NS = "default";

  @TempDir Path dir;
  private LocalKubernetesApi api;
  private KubeFaultProxy proxy;
  private KubernetesClient viaProxy;

  @BeforeEach
  void start() throws IOException {
    api = LocalKubernetesApi.start(0, dir.resolve("kubeconfig"));
    proxy = KubeFaultProxy.start(URI.create(api.url()), FaultMix.standard(), 42);
    viaProxy = client(proxy.url());
  }

  @AfterEach
  void stop() {
    viaProxy.close();
    proxy.close();
    api.close();
  }

  private static KubernetesClient client(String url) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url)
            .withNamespace(NS)
            .withRequestTimeout(10_000)
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static ConfigMap configMap(String name, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withData(Map.of("k", value))
        .build();
  }

  private String valueInApi(String name) {
    ConfigMap cm = api.client().configMaps().inNamespace(NS).withName(name).get();
    return cm == null ? null : cm.getData().get("k");
  }

  @Test
  void rateZeroPassesEveryVerbOverFewKeptAliveConnections() throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (Watch watch = viaProxy.configMaps().inNamespace(NS).watch(recorder(events))) {
      viaProxy.configMaps().inNamespace(NS).resource(configMap("a", "1")).create();
      assertThat(viaProxy.configMaps().inNamespace(NS).withName("a").get().getData())
          .containsEntry("k", "1");
      viaProxy
          .configMaps()
          .inNamespace(NS)
          .withName("a")
          .edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("k", "2")).build());
      assertThat(valueInApi("a")).isEqualTo("2");
      for (int i = 0; i < 20; i++) {
        assertThat(viaProxy.configMaps().inNamespace(NS).list().getItems()).hasSize(1);
      }
      viaProxy.configMaps().inNamespace(NS).withName("a").delete();
      assertThat(valueInApi("a")).isNull();

      assertThat(poll(events)).isEqualTo("ADDED a");
      assertThat(poll(events)).isEqualTo("MODIFIED a");
      assertThat(poll(events)).isEqualTo("DELETED a");
    }
    assertThat(proxy.counts().total()).isZero();
    assertThat(proxy.requests()).isGreaterThanOrEqualTo(25);
    // a pooled client reuses its connection: 25 requests and a watch, not 26 connections
    assertThat(proxy.connections()).isLessThanOrEqualTo(4);
  }

  @Test
  void watchesPassEvenWhenEveryOtherRequestFails() throws Exception {
    proxy.setRate(1.0);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (Watch watch = viaProxy.configMaps().inNamespace(NS).watch(recorder(events))) {
      api.client().configMaps().inNamespace(NS).resource(configMap("w", "1")).create();
      assertThat(poll(events)).isEqualTo("ADDED w");
    }
    assertThat(proxy.counts().total()).isZero();
    // and a plain request at rate 1 does get a fault
    KubernetesClientException e =
        catchThrowableOfType(
            () -> viaProxy.configMaps().inNamespace(NS).withName("w").get(),
            KubernetesClientException.class);
    assertThat(e).isNotNull();
    // at least 1: the JDK client sends a GET again once when a pooled connection drops it
    assertThat(proxy.counts().total()).isPositive();
  }

  @Test
  void http500IsAStatusAndTheWriteDidNotHappen() {
    ConfigMap current = created("b");
    proxy.injectNext(KubeFault.HTTP_500);
    KubernetesClientException e = failedUpdate(current);
    assertThat(e.getCode()).isEqualTo(500);
    assertThat(e.getStatus().getReason()).isEqualTo("InternalError");
    assertThat(valueInApi("b")).isEqualTo("1");
    assertThat(proxy.counts().http500()).isEqualTo(1);
  }

  @Test
  void conflict409HitsOnlyWritesAndTheWriteDidNotHappen() {
    proxy.setRate(1.0);
    proxy.close();
    try (KubeFaultProxy only409 =
            KubeFaultProxy.start(
                URI.create(api.url()), FaultMix.only(KubeFault.CONFLICT_409, Duration.ZERO), 1);
        KubernetesClient client = client(only409.url())) {
      only409.setRate(1.0);
      ConfigMap current = created("c");
      // reads pass: a read never conflicts
      ConfigMap read = client.configMaps().inNamespace(NS).withName("c").get();
      assertThat(read.getData()).containsEntry("k", "1");
      KubernetesClientException e =
          catchThrowableOfType(
              () ->
                  client
                      .configMaps()
                      .inNamespace(NS)
                      .resource(new ConfigMapBuilder(current).withData(Map.of("k", "2")).build())
                      .update(),
              KubernetesClientException.class);
      assertThat(e.getCode()).isEqualTo(409);
      assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
      assertThat(valueInApi("c")).isEqualTo("1");
      assertThat(only409.counts().conflict409()).isEqualTo(1);
      assertThat(only409.counts().total()).isEqualTo(1);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void throttle429CarriesRetryAfterAndTheWriteDidNotHappen() throws Exception {
    ConfigMap current = created("d");
    proxy.injectNext(KubeFault.THROTTLE_429);
    KubernetesClientException e = failedUpdate(current);
    assertThat(e.getCode()).isEqualTo(429);
    assertThat(e.getStatus().getReason()).isEqualTo("TooManyRequests");
    assertThat(valueInApi("d")).isEqualTo("1");

    proxy.injectNext(KubeFault.THROTTLE_429);
    HttpResponse<String> raw =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(proxy.url() + "/api/v1/namespaces/default/configmaps"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(raw.statusCode()).isEqualTo(429);
    assertThat(raw.headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void resetBeforeForwardingIsAnIoErrorAndTheWriteDidNotHappen() {
    proxy.injectNext(KubeFault.RESET_BEFORE_FORWARD);
    KubernetesClientException e = failedCreate("e");
    assertThat(ioCause(e)).isNotNull();
    assertThat(valueInApi("e")).isNull();
    assertThat(proxy.counts().reset()).isEqualTo(1);
    assertThat(proxy.counts().resetAfterForward()).isZero();
    // the client's next request opens a fresh connection and passes
    assertThat(viaProxy.configMaps().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void resetAfterForwardingIsAnIoErrorButTheWriteHappened() {
    proxy.injectNext(KubeFault.RESET_AFTER_FORWARD);
    KubernetesClientException e = failedCreate("f");
    assertThat(ioCause(e)).isNotNull();
    assertThat(valueInApi("f")).isEqualTo("1");
    assertThat(proxy.counts().resetAfterForward()).isEqualTo(1);
    // a retry of the create now meets the object the lost answer created
    KubernetesClientException again = failedCreate("f");
    assertThat(again.getCode()).isEqualTo(409);
  }

  @Test
  void stallHoldsTheRequestThenForwardsIt() throws IOException {
    proxy.close();
    try (KubeFaultProxy stalling =
            KubeFaultProxy.start(
                URI.create(api.url()), FaultMix.only(KubeFault.STALL, Duration.ofSeconds(1)), 1);
        KubernetesClient client = client(stalling.url())) {
      stalling.setRate(1.0);
      long start = System.nanoTime();
      client.configMaps().inNamespace(NS).resource(configMap("g", "1")).create();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(950));
      assertThat(valueInApi("g")).isEqualTo("1");
      assertThat(stalling.counts().stall()).isEqualTo(1);
    }
  }

  @Test
  void aChunkedStreamIsPassedOnChunkByChunk() throws Exception {
    // The mock serves watches over WebSocket only (a plain-HTTP watch gets 400), so a fake API
    // streams here: its second chunk is sent only after the client has read the first.
    CountDownLatch firstRead = new CountDownLatch(1);
    try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        KubeFaultProxy streaming =
            KubeFaultProxy.start(
                URI.create("http://127.0.0.1:" + fake.getLocalPort()), FaultMix.standard(), 1)) {
      Thread api =
          new Thread(
              () -> {
                try (Socket s = fake.accept()) {
                  HttpHead.read(s.getInputStream());
                  OutputStream out = s.getOutputStream();
                  out.write(
                      ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "6\r\nADDED\n\r\n")
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  firstRead.await(5, TimeUnit.SECONDS);
                  out.write("9\r\nMODIFIED\n\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (Exception e) {
                  // the test fails on its own reads
                }
              });
      api.setDaemon(true);
      api.start();
      streaming.setRate(1.0);
      try (Socket raw = new Socket("127.0.0.1", URI.create(streaming.url()).getPort())) {
        raw.setSoTimeout(3_000);
        raw.getOutputStream()
            .write(
                "GET /api/v1/configmaps?watch=true HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        InputStream in = raw.getInputStream();
        assertThat(HttpHead.read(in).status()).isEqualTo(200);
        assertThat(HttpHead.readLine(in, false)).isEqualTo("6");
        assertThat(HttpHead.readLine(in, false)).isEqualTo("ADDED");
        firstRead.countDown();
        HttpHead.readLine(in, false); // the chunk's CRLF
        assertThat(HttpHead.readLine(in, false)).isEqualTo("9");
        assertThat(HttpHead.readLine(in, false)).isEqualTo("MODIFIED");
      }
      assertThat(streaming.counts().total()).isZero();
    }
  }

  @Test
  void aResetIsATcpResetOnAKeptAliveConnection() throws Exception {
    created("r");
    try (Socket raw = new Socket("127.0.0.1", URI.create(proxy.url()).getPort())) {
      raw.setSoTimeout(5_000);
      String get = "GET /api/v1/namespaces/default/configmaps/r HTTP/1.1\r\nHost: x\r\n\r\n";
      raw.getOutputStream().write(get.getBytes(StandardCharsets.US_ASCII));
      InputStream in = raw.getInputStream();
      HttpHead first = HttpHead.read(in);
      assertThat(first.status()).isEqualTo(200);
      HttpHead request = HttpHead.read(new ByteArrayInputStream(get.getBytes()));
      HttpBody.copyResponse(request, first, in, null);
      proxy.injectNext(KubeFault.RESET_AFTER_FORWARD);
      raw.getOutputStream().write(get.getBytes(StandardCharsets.US_ASCII));
      Throwable thrown =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> {
                // the same connection: the API serves the second GET, the client reads a reset
                in.read();
              });
      assertThat(thrown).isInstanceOf(SocketException.class).hasMessageContaining("reset");
    }
  }

  @Test
  void rateFaultsRoughlyThatShareOfRequests() throws IOException {
    created("h");
    proxy.close();
    // no resets here: the JDK client resends a GET whose pooled connection was reset
    proxy =
        KubeFaultProxy.start(
            URI.create(api.url()), new FaultMix(1, 1, 1, 0, 1, Duration.ofMillis(50)), 7);
    viaProxy.close();
    viaProxy = client(proxy.url());
    proxy.setRate(0.5);
    int failed = 0;
    for (int i = 0; i < 100; i++) {
      try {
        viaProxy.configMaps().inNamespace(NS).withName("h").get();
      } catch (KubernetesClientException e) {
        failed++;
      }
    }
    assertThat(proxy.counts().total()).isBetween(30L, 70L);
    // every fault but a stall fails the call
    assertThat((long) failed).isEqualTo(proxy.counts().total() - proxy.counts().stall());
    assertThat(proxy.counts().conflict409()).isZero();
    proxy.setRate(0);
    long before = proxy.counts().total();
    viaProxy.configMaps().inNamespace(NS).withName("h").get();
    assertThat(proxy.counts().total()).isEqualTo(before);
  }

  @Test
  void concurrentClientsWithTheirOwnRetriesConvergeThroughAFaultyProxy() throws Exception {
    // As the worker runs: fabric8's own retries on (5xx, 429, I/O), several threads, a high rate.
    // Every request/response stays in step on kept-alive connections, and each thread's last
    // write is what the API holds afterwards.
    proxy.close();
    proxy =
        KubeFaultProxy.start(
            URI.create(api.url()), new FaultMix(1, 1, 1, 1, 1, Duration.ofMillis(100)), 11);
    proxy.setRate(0.3);
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(proxy.url())
            .withNamespace(NS)
            .withRequestRetryBackoffInterval(10)
            .build();
    try (KubernetesClient retrying = new KubernetesClientBuilder().withConfig(config).build()) {
      List<Thread> threads = new ArrayList<>();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      for (int t = 0; t < 4; t++) {
        String name = "load-" + t;
        Thread thread = new Thread(() -> writeUntilDone(retrying, name, failures));
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join(60_000);
        assertThat(thread.isAlive()).isFalse();
      }
      assertThat(failures).isEmpty();
    }
    for (int t = 0; t < 4; t++) {
      assertThat(valueInApi("load-" + t)).isEqualTo("29");
    }
    assertThat(proxy.counts().total()).isGreaterThan(20);
    assertThat(proxy.counts().conflict409()).isPositive();
    assertThat(proxy.counts().resetAfterForward()).isPositive();
  }

  /** Creates the ConfigMap, then sets k to 0..29 with edit(), redoing a step that failed. */
  private static void writeUntilDone(
      KubernetesClient client, String name, List<Throwable> failures) {
    try {
      for (int step = -1; step < 30; ) {
        try {
          if (step < 0) {
            client.configMaps().inNamespace(NS).resource(configMap(name, "-")).create();
          } else {
            String value = Integer.toString(step);
            client
                .configMaps()
                .inNamespace(NS)
                .withName(name)
                .edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("k", value)).build());
          }
          step++;
        } catch (KubernetesClientException e) {
          // a 409 (injected, or AlreadyExists after a create whose answer was lost): converge
          if (e.getCode() == 409 && step < 0) {
            step++;
          } else if (e.getCode() != 409) {
            throw e;
          }
        }
      }
    } catch (Throwable t) {
      failures.add(t);
    }
  }

  private ConfigMap created(String name) {
    return api.client().configMaps().inNamespace(NS).resource(configMap(name, "1")).create();
  }

  private KubernetesClientException failedUpdate(ConfigMap current) {
    return catchThrowableOfType(
        () ->
            viaProxy
                .configMaps()
                .inNamespace(NS)
                .resource(new ConfigMapBuilder(current).withData(Map.of("k", "2")).build())
                .update(),
        KubernetesClientException.class);
  }

  private KubernetesClientException failedCreate(String name) {
    return catchThrowableOfType(
        () -> viaProxy.configMaps().inNamespace(NS).resource(configMap(name, "1")).create(),
        KubernetesClientException.class);
  }

  private static IOException ioCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException io) {
        return io;
      }
    }
    return null;
  }

  private static String poll(BlockingQueue<String> events) throws InterruptedException {
    return events.poll(5, TimeUnit.SECONDS);
  }

  private static Watcher<ConfigMap> recorder(BlockingQueue<String> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        events.add(action + " " + resource.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }
}
