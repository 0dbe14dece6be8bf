package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.client.OpenShiftClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's kube-proxy: for every Service with a selector and a cluster IP, a {@link
 * ServiceListener} on {@code clusterIP:port} for each of its ports, forwarding new connections to
 * ready pods that match the Service's current selector. Services are re-read every interval:
 * selector and target-port changes apply to the next connection, new ports open, deleted Services
 * and ports stop listening (their established connections keep going, as conntrack entries do).
 * OpenShift Routes are served the same way on their host address ({@link #openShiftRoutes}).
 */
public final class ServiceRouter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceRouter.class);
  private static final Duration ENDPOINTS_MAX_AGE = Duration.ofMillis(50);

  private final KubernetesClient client;
  private final Backends backends;
  private final ExecutorService pipes;
  private final Map<InetSocketAddress, ServiceListener> listeners = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, String> failed = new ConcurrentHashMap<>();
  private final ReconcileLoop loop;

  /**
   * @param client the API client
   * @param interval how often Services are re-read; endpoints are at most this old, too
   */
  public ServiceRouter(KubernetesClient client, Duration interval) {
    this.client = client;
    // Endpoints are re-read at most every 50 ms: a pod that turns NotReady is dropped quickly.
    this.backends =
        new Backends(
            client, interval.compareTo(ENDPOINTS_MAX_AGE) < 0 ? interval : ENDPOINTS_MAX_AGE);
    AtomicInteger count = new AtomicInteger();
    this.pipes =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "sandbox-service-pipe-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.loop = new ReconcileLoop("service-router", interval, this::sync);
  }

  public ServiceRouter start() {
    loop.start();
    return this;
  }

  private void sync() throws IOException {
    Map<InetSocketAddress, ServiceListener.Route> wanted = new HashMap<>();
    List<Service> services = client.services().inAnyNamespace().list().getItems();
    for (Service service : services) {
      routes(service, service.getSpec().getClusterIP(), wanted);
    }
    openShiftRoutes(services, wanted);
    for (Map.Entry<InetSocketAddress, ServiceListener.Route> entry : wanted.entrySet()) {
      ServiceListener listener = listeners.get(entry.getKey());
      if (listener != null) {
        listener.update(entry.getValue());
      } else {
        open(entry.getKey(), entry.getValue());
      }
    }
    listeners.forEach(
        (address, listener) -> {
          if (!wanted.containsKey(address)) {
            listeners.remove(address);
            listener.close(false);
          }
        });
  }

  /**
   * The sandbox's OpenShift router: a Route whose {@code spec.host} is a loopback address (the API
   * assigns one when it has none) is served on that address at each TCP port of the Service its
   * {@code spec.to} names, to that Service's pods. Plain TCP, no TLS termination or SNI: what a
   * passthrough Route does for a client that knows the address. Re-read every pass, so a Route
   * moved to another Service sends the next connection there.
   */
  private void openShiftRoutes(
      List<Service> services, Map<InetSocketAddress, ServiceListener.Route> wanted)
      throws IOException {
    List<io.fabric8.openshift.api.model.Route> routes =
        client.adapt(OpenShiftClient.class).routes().inAnyNamespace().list().getItems();
    for (io.fabric8.openshift.api.model.Route route : routes) {
      String host = route.getSpec() == null ? null : route.getSpec().getHost();
      if (host == null || !host.startsWith("127.") || route.getSpec().getTo() == null) {
        continue;
      }
      String ns = route.getMetadata().getNamespace();
      String to = route.getSpec().getTo().getName();
      for (Service service : services) {
        if (ns.equals(service.getMetadata().getNamespace())
            && to.equals(service.getMetadata().getName())) {
          routes(service, host, wanted);
        }
      }
    }
  }

  private static void routes(
      Service service, String clusterIp, Map<InetSocketAddress, ServiceListener.Route> wanted)
      throws IOException {
    Map<String, String> selector = service.getSpec().getSelector();
    if (clusterIp == null
        || clusterIp.isEmpty()
        || "None".equals(clusterIp)
        || selector == null
        || selector.isEmpty()) {
      return;
    }
    for (ServicePort port : service.getSpec().getPorts()) {
      if (port.getProtocol() != null && !"TCP".equals(port.getProtocol())) {
        continue;
      }
      IntOrString target =
          port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
      wanted.put(
          ServiceListener.address(clusterIp, port.getPort()),
          new ServiceListener.Route(
              service.getMetadata().getNamespace(),
              service.getMetadata().getName(),
              Map.copyOf(selector),
              target));
    }
  }

  private void open(InetSocketAddress address, ServiceListener.Route route) {
    try {
      listeners.put(address, new ServiceListener(address, route, backends, pipes));
      failed.remove(address);
    } catch (IOException e) {
      String message = e.getMessage();
      if (!message.equals(failed.put(address, message))) {
        log.warn(
            "Service {}/{}: cannot listen on {}: {}; is another process using that address and port?",
            route.namespace(),
            route.service(),
            address,
            message);
      }
    }
  }

  /** Stops every listener and drops established connections. */
  @Override
  public void close() {
    loop.close();
    listeners.values().forEach(ServiceListener::close);
    listeners.clear();
    pipes.shutdownNow();
  }
}
