package io.gridshift.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gridshift.sandbox.temporal.LocalTemporalServer;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The outage proxy over plain TCP (an echo server: every open connection dropped, new ones refused,
 * then served again) and in front of the sandbox's real Temporal frontend, where a client and a
 * worker connected through it must carry a workflow across a 5-s outage.
 */
class TcpOutageProxyTest {

  @Test
  void anOutageDropsOpenConnectionsRefusesNewOnesThenPassesAgain() throws Exception {
    try (ServerSocket echo = echoServer();
        TcpOutageProxy proxy = TcpOutageProxy.start("127.0.0.1", echo.getLocalPort())) {
      try (Socket before = connect(proxy)) {
        assertThat(roundTrip(before, "one")).isEqualTo("one");
        proxy.outage(Duration.ofSeconds(2));
        assertThat(proxy.inOutage()).isTrue();
        assertThat(catchThrowable(() -> roundTrip(before, "two"))).isInstanceOf(IOException.class);
      }
      try (Socket during = connect(proxy)) {
        assertThat(catchThrowable(() -> roundTrip(during, "three")))
            .isInstanceOf(IOException.class);
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (proxy.inOutage() && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      assertThat(proxy.inOutage()).isFalse();
      try (Socket after = connect(proxy)) {
        assertThat(roundTrip(after, "four")).isEqualTo("four");
      }
      assertThat(proxy.outages()).isEqualTo(1);
    }
  }

  @Test
  void aTemporalClientAndWorkerCarryAWorkflowAcrossAnOutage() throws Exception {
    try (LocalTemporalServer temporal = LocalTemporalServer.start(0);
        TcpOutageProxy proxy = TcpOutageProxy.start("127.0.0.1", temporal.port())) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(proxy.target()).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker("outage");
      worker.registerWorkflowImplementationTypes(OutageWorkflowImpl.class);
      worker.registerActivitiesImplementations((OutageWorkflowImpl.Echo) s -> s);
      factory.start();
      try {
        OutageWorkflow workflow =
            client.newWorkflowStub(
                OutageWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue("outage")
                    .setWorkflowId("outage-1")
                    .build());
        WorkflowClient.start(workflow::run);

        proxy.outage(Duration.ofSeconds(5));
        Throwable during =
            catchThrowable(
                () ->
                    stubs
                        .blockingStub()
                        .withDeadlineAfter(1, TimeUnit.SECONDS)
                        .getSystemInfo(GetSystemInfoRequest.getDefaultInstance()));
        assertThat(during).isInstanceOf(StatusRuntimeException.class);

        while (proxy.inOutage()) {
          Thread.sleep(100);
        }
        long outageEnded = System.nanoTime();
        client.newWorkflowStub(OutageWorkflow.class, "outage-1").proceed();
        String result =
            WorkflowStub.fromTyped(client.newWorkflowStub(OutageWorkflow.class, "outage-1"))
                .getResult(60, TimeUnit.SECONDS, String.class);
        assertThat(result).isEqualTo("done");
        // the SDK resets gRPC's reconnect backoff every 10 s (WorkflowServiceStubsOptions'
        // connectionBackoffResetFrequency), so the worker is back well within 20 s (6 s measured)
        assertThat(System.nanoTime() - outageEnded).isLessThan(TimeUnit.SECONDS.toNanos(20));
        assertThat(proxy.outages()).isEqualTo(1);
      } finally {
        factory.shutdownNow();
        stubs.shutdownNow();
      }
    }
  }

  private static Socket connect(TcpOutageProxy proxy) throws IOException {
    String[] hostPort = proxy.target().split(":");
    Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
    socket.setSoTimeout(3_000);
    return socket;
  }

  private static String roundTrip(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes());
    out.flush();
    byte[] buffer = new byte[text.length()];
    InputStream in = socket.getInputStream();
    int read = 0;
    while (read < buffer.length) {
      int n = in.read(buffer, read, buffer.length - read);
      if (n < 0) {
        throw new IOException("connection closed");
      }
      read += n;
    }
    return new String(buffer);
  }

  private static ServerSocket echoServer() throws IOException {
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  Thread t = new Thread(() -> echo(s));
                  t.setDaemon(true);
                  t.start();
                } catch (IOException e) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  private static void echo(Socket s) {
    try (s) {
      s.getInputStream().transferTo(s.getOutputStream());
    } catch (IOException e) {
      // the proxy dropped it
    }
  }
}
