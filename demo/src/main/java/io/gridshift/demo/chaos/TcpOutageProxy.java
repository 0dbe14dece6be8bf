package io.gridshift.demo.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy in front of the sandbox's Temporal frontend that can make Temporal unreachable for a
 * while: the chaos benchmark points the worker at {@link #target()} and calls {@link
 * #outage(Duration)} to show that the worker reconnects and the upgrade completes. gRPC is HTTP/2
 * over one long-lived connection, so bytes are piped as they are ({@link StreamPipe}), unread.
 *
 * <p>An outage resets every open connection at once (both ends read a reset, as when a network path
 * or a load balancer fails) and, until it ends, resets each new connection as soon as it is
 * accepted, so a reconnecting client fails fast instead of hanging. It ends by time: no thread
 * waits for it.
 */
public final class TcpOutageProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TcpOutageProxy.class);

  private final String upstreamHost;
  private final int upstreamPort;
  private final ServerSocket server;
  private final ExecutorService threads;
  private final Set<StreamPipe> pipes = ConcurrentHashMap.newKeySet();
  private final AtomicInteger outages = new AtomicInteger();
  private volatile long outageEndsNanos = System.nanoTime();
  private volatile boolean closed;

  private TcpOutageProxy(String upstreamHost, int upstreamPort, ServerSocket server) {
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
    this.server = server;
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "tcp-outage-proxy-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the proxy on {@code 127.0.0.1:<free port>}, passing everything to the upstream. */
  public static TcpOutageProxy start(String upstreamHost, int upstreamPort) throws IOException {
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
    TcpOutageProxy proxy = new TcpOutageProxy(upstreamHost, upstreamPort, server);
    proxy.threads.execute(proxy::acceptLoop);
    log.info("TCP outage proxy {} -> {}:{}", proxy.target(), upstreamHost, upstreamPort);
    return proxy;
  }

  /** Where clients connect: {@code 127.0.0.1:<port>} (a gRPC target). */
  public String target() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /**
   * Drops every open connection now and refuses new ones for {@code d}; returns at once. An outage
   * called during another extends it to end {@code d} from now at the latest.
   */
  public void outage(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("an outage lasts 0 or more; got " + d);
    }
    long ends = System.nanoTime() + d.toNanos();
    if (ends - outageEndsNanos > 0) {
      outageEndsNanos = ends;
    }
    int n = outages.incrementAndGet();
    int dropped = dropAll();
    log.info(
        "TCP outage proxy {}: outage {} for {}, {} connections dropped", target(), n, d, dropped);
  }

  /** Whether an outage is going on now. */
  public boolean inOutage() {
    return outageEndsNanos - System.nanoTime() > 0;
  }

  /** How many outages were started. */
  public int outages() {
    return outages.get();
  }

  private int dropAll() {
    int n = 0;
    for (StreamPipe pipe : pipes) {
      pipe.reset();
      n++;
    }
    return n;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        if (inOutage()) {
          Sockets.reset(client);
        } else {
          threads.execute(() -> connect(client));
        }
      } catch (IOException e) {
        if (!closed) {
          log.warn("TCP outage proxy {}: accept failed: {}", target(), e.toString());
        }
      }
    }
  }

  private void connect(Socket client) {
    Socket upstream = new Socket();
    try {
      client.setTcpNoDelay(true);
      upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort), 5_000);
      upstream.setTcpNoDelay(true);
      StreamPipe[] self = new StreamPipe[1];
      self[0] =
          new StreamPipe(
              client,
              client.getInputStream(),
              upstream,
              upstream.getInputStream(),
              () -> pipes.remove(self[0]));
      pipes.add(self[0]);
      self[0].start(threads);
      if (inOutage() || closed) {
        self[0].reset(); // an outage began while this one connected
      }
    } catch (IOException e) {
      log.debug("TCP outage proxy {}: upstream connect failed: {}", target(), e.toString());
      Sockets.reset(client);
      Sockets.closeQuietly(upstream);
    }
  }

  @Override
  public void close() {
    closed = true;
    Sockets.closeQuietly(server);
    dropAll();
    threads.shutdownNow();
    log.info("TCP outage proxy {} stopped after {} outages", target(), outages());
  }
}
