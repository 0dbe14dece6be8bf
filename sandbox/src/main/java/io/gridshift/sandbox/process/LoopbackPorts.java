package io.gridshift.sandbox.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** Whether loopback ports are free to listen on, as the sandbox's servers need them. */
final class LoopbackPorts {
  private LoopbackPorts() {}

  /** Whether something listens on {@code 127.0.0.1:port} (or on every interface, that port). */
  static boolean taken(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Of {@code ports}, those taken now. */
  static List<Integer> taken(Collection<Integer> ports) {
    return ports.stream().filter(LoopbackPorts::taken).toList();
  }

  /** Waits up to {@code timeout} until every port is free; returns those still taken. */
  static List<Integer> awaitFree(Collection<Integer> ports, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Integer> taken = taken(ports);
    while (!taken.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      taken = taken(ports);
    }
    return taken;
  }

  /** The port of {@code host:port} or of a URL ending in {@code :port}. */
  static int portOf(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1).replace("/", ""));
  }
}
