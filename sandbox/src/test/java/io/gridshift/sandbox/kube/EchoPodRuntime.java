package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real TCP server per pod for images {@code echo/...}: it listens on the pod IP, port 7000,
 * greets each connection with the pod's name and echoes lines back. Ready once listening, unless
 * the pod has {@link FakePodRuntime#READY_AFTER}.
 */
final class EchoPodRuntime implements PodRuntime {
  static final int PORT = 7000;

  @Override
  public boolean handles(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage().startsWith("echo/");
  }

  @Override
  public String describe() {
    return "images echo/*";
  }

  @Override
  public RunningPod start(PodContext context) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(context.podIp(), PORT));
    Set<Socket> connections = ConcurrentHashMap.newKeySet();
    String name = context.name();
    Thread acceptor = new Thread(() -> serve(server, name, connections), "echo-" + name);
    acceptor.setDaemon(true);
    acceptor.start();
    var annotations = context.pod().getMetadata().getAnnotations();
    long readyAfter =
        annotations == null
            ? 0
            : Long.parseLong(annotations.getOrDefault(FakePodRuntime.READY_AFTER, "0"));
    long readyAt = System.nanoTime() + readyAfter * 1_000_000;
    return new RunningPod() {
      @Override
      public boolean isAlive() {
        return !server.isClosed();
      }

      @Override
      public boolean isReady() {
        return isAlive() && System.nanoTime() >= readyAt;
      }

      @Override
      public void stop(Duration grace) {
        TcpPipe.closeQuietly(server);
        connections.forEach(TcpPipe::closeQuietly);
      }
    };
  }

  private static void serve(ServerSocket server, String name, Set<Socket> connections) {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.add(socket);
        Thread t = new Thread(() -> echo(socket, name), "echo-" + name + "-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void echo(Socket socket, String name) {
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
      out.println(name);
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
      }
    } catch (IOException e) {
      // connection closed
    }
  }
}
