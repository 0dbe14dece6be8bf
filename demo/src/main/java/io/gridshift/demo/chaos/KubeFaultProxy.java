package io.gridshift.demo.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 reverse proxy in front of a sandbox Kubernetes API that makes a set fraction of
 * requests fail the ways a real API server fails: the chaos benchmark points the worker's
 * kubeconfig here, so every step meets 500s, 409s, 429s, resets and stalls while the upgrade runs.
 *
 * <p>Which request gets which fault is {@link FaultPicker}'s decision (watches pass untouched; a
 * 409 only to writes); what each fault does on the wire is {@link FaultProxyConnection}'s. A 500,
 * 409 or 429 is answered by the proxy, so the API never sees the request; a reset is half the time
 * before forwarding (the request never arrived) and half after (it happened, the client never
 * heard). The rate starts at 0 (everything passes) and can change while clients are connected.
 *
 * <p>Note for readers of the counts: fabric8 clients retry 5xx, 429 and I/O errors themselves
 * ({@code requestRetryBackoffLimit}, 10 by default), so most injected faults never reach the code
 * that made the call; a reset after a forwarded create comes back to it as 409 AlreadyExists.
 */
public final class KubeFaultProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KubeFaultProxy.class);

  private final String upstreamHost;
  private final int upstreamPort;
  private final FaultMix mix;
  private final FaultPicker picker;
  private final ServerSocket server;
  private final ExecutorService threads;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<KubeFault, AtomicLong> counts = new EnumMap<>(KubeFault.class);
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicReference<KubeFault> next = new AtomicReference<>();
  private volatile double rate;
  private volatile boolean closed;

  private KubeFaultProxy(URI upstream, FaultMix mix, long seed, ServerSocket server) {
    this.upstreamHost = upstream.getHost();
    this.upstreamPort = upstream.getPort() > 0 ? upstream.getPort() : 80;
    this.mix = mix;
    this.picker = new FaultPicker(mix, seed);
    this.server = server;
    for (KubeFault kind : KubeFault.values()) {
      counts.put(kind, new AtomicLong());
    }
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "kube-fault-proxy-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts the proxy on {@code 127.0.0.1:<free port>} with rate 0.
   *
   * @param upstream the API, {@code http://host:port} (plain HTTP: the sandbox's API)
   * @param mix how faults divide among kinds
   * @param seed seeds the fault draws, so a run can be repeated
   */
  public static KubeFaultProxy start(URI upstream, FaultMix mix, long seed) throws IOException {
    if (!"http".equals(upstream.getScheme()) || upstream.getHost() == null) {
      throw new IllegalArgumentException(
          "the fault proxy fronts a plain-HTTP API such as the sandbox's (http://127.0.0.1:<port>);"
              + " got "
              + upstream);
    }
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
    KubeFaultProxy proxy = new KubeFaultProxy(upstream, mix, seed, server);
    proxy.threads.execute(proxy::acceptLoop);
    log.info("Kubernetes fault proxy {} -> {} ({})", proxy.url(), upstream, mix);
    return proxy;
  }

  /** Where clients connect: {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** The fraction of requests (0..1) that get a fault from now on; 0 passes everything. */
  public void setRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("fault rate must be within 0..1; got " + rate);
    }
    this.rate = rate;
  }

  /** The fraction of requests that get a fault now. */
  public double rate() {
    return rate;
  }

  /**
   * Gives the next request that is not a watch this fault, whatever the rate (a 409 waits for the
   * next write): one precise fault at a chosen moment, for tests and scripted runs.
   */
  public void injectNext(KubeFault fault) {
    next.set(fault);
  }

  /** The faults injected so far, by kind. */
  public FaultCounts counts() {
    long resetBefore = count(KubeFault.RESET_BEFORE_FORWARD);
    long resetAfter = count(KubeFault.RESET_AFTER_FORWARD);
    return new FaultCounts(
        count(KubeFault.HTTP_500),
        count(KubeFault.CONFLICT_409),
        count(KubeFault.THROTTLE_429),
        resetBefore + resetAfter,
        count(KubeFault.STALL),
        resetAfter);
  }

  /** Every request seen so far, faulted or not (watches included). */
  public long requests() {
    return requests.get();
  }

  private long count(KubeFault kind) {
    return counts.get(kind).get();
  }

  KubeFault pick(HttpHead request) {
    requests.incrementAndGet();
    KubeFault fault = forced(request);
    if (fault == null) {
      fault = picker.pick(request.method(), request.longRunning(), rate);
    }
    counts.get(fault).incrementAndGet();
    if (fault != KubeFault.NONE) {
      log.debug("injecting {} into {}", fault, request.startLine());
    }
    return fault;
  }

  private KubeFault forced(HttpHead request) {
    KubeFault wanted = next.get();
    if (wanted == null
        || request.longRunning()
        || (wanted == KubeFault.CONFLICT_409 && !FaultPicker.isWrite(request.method()))) {
      return null;
    }
    return next.compareAndSet(wanted, null) ? wanted : null;
  }

  /** Client connections accepted so far: few, when clients keep their connections alive. */
  public long connections() {
    return connections.get();
  }

  Duration stallFor() {
    return mix.stallFor();
  }

  ExecutorService threads() {
    return threads;
  }

  Socket connectUpstream() throws IOException {
    Socket socket = new Socket();
    open.add(socket);
    socket.connect(new InetSocketAddress(upstreamHost, upstreamPort), 5_000);
    socket.setTcpNoDelay(true);
    return socket;
  }

  void forget(Socket... sockets) {
    for (Socket s : sockets) {
      open.remove(s);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        open.add(client);
        connections.incrementAndGet();
        threads.execute(new FaultProxyConnection(this, client));
      } catch (IOException e) {
        if (!closed) {
          log.warn("fault proxy {}: accept failed: {}", url(), e.toString());
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Sockets.closeQuietly(server);
    open.forEach(Sockets::closeQuietly);
    threads.shutdownNow();
    log.info("Kubernetes fault proxy {} stopped: {} requests, {}", url(), requests(), counts());
  }
}
