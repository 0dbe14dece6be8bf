package io.gridshift.demo;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.infinispan.GridTrust;
import io.gridshift.demo.InfinispanXmlCaches.Encoding;
import io.gridshift.demo.traffic.CacheRouter;
import io.gridshift.demo.traffic.GridOps;
import io.gridshift.demo.traffic.InfinispanOps;
import io.gridshift.sandbox.OpenShiftGrids;
import io.gridshift.sandbox.infinispan.GridTlsSecrets;
import io.gridshift.sandbox.infinispan.InfinispanServer;
import io.gridshift.sandbox.tls.SandboxPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import javax.net.ssl.SSLContext;
import org.infinispan.client.hotrod.DataFormat;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ClientIntelligence;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.commons.marshall.UTF8StringMarshaller;

/**
 * The demo's source grid in the sandbox: a StatefulSet of Infinispan pods, its ConfigMap and client
 * Service, three caches (one protostream-encoded with a registered schema) and a known data set
 * whose every key can be checked afterwards through the client Service.
 */
public final class InfinispanDemoGrid {
  public static final String GRID = "dg";
  public static final String NAMESPACE = "default";
  public static final int PORT = 11222;
  static final String IMAGE_REPOSITORY = "quay.io/infinispan/server";

  /** The caches, their JSON configurations and their share of the entries. */
  static final Map<String, String> CACHES = new LinkedHashMap<>();

  /** The cache encoded {@code application/x-protostream}. */
  public static final String PROTOSTREAM_CACHE = "catalog";

  static {
    CACHES.put("sessions", "{\"distributed-cache\":{\"mode\":\"SYNC\",\"owners\":2}}");
    CACHES.put("events", "{\"replicated-cache\":{\"mode\":\"SYNC\"}}");
    CACHES.put(
        "catalog",
        "{\"distributed-cache\":{\"mode\":\"SYNC\",\"owners\":2,"
            + "\"encoding\":{\"media-type\":\"application/x-protostream\"}}}");
  }

  /** How the demo's own caches store values. */
  private static final Map<String, Encoding> DEMO_ENCODINGS = new LinkedHashMap<>();

  static {
    CACHES.keySet().forEach(c -> DEMO_ENCODINGS.put(c, Encoding.UNENCODED));
    DEMO_ENCODINGS.put("catalog", Encoding.PROTOSTREAM);
  }

  static final String SCHEMA_NAME = "demo.proto";
  static final String SCHEMA =
      """
      package demo;
      message Product {
        required string name = 1;
        required int32 stock = 2;
      }
      """;

  private final KubernetesClient kube;
  private final String namespace;
  private final String name;

  /** The client Service's name: the grid's, unless a manifest names it otherwise. */
  private final String service;

  /** The caches this grid loads and checks, with how each stores values. */
  private final Map<String, Encoding> encodings;

  /** Null for a plain grid; else the CA its certificate comes from, and the names it carries. */
  private final SandboxPki pki;

  private final List<String> certifiedServices;

  /** The demo's own grid, {@value #GRID} in namespace {@value #NAMESPACE}. */
  public InfinispanDemoGrid(KubernetesClient kube) {
    this(kube, NAMESPACE, GRID);
  }

  /** A grid of the same shape named {@code name} in {@code namespace} (the fleet demo's grids). */
  public InfinispanDemoGrid(KubernetesClient kube, String namespace, String name) {
    this(kube, namespace, name, name, DEMO_ENCODINGS, null, List.of());
  }

  private InfinispanDemoGrid(
      KubernetesClient kube,
      String namespace,
      String name,
      String service,
      Map<String, Encoding> encodings,
      SandboxPki pki,
      List<String> certifiedServices) {
    this.kube = kube;
    this.namespace = namespace;
    this.name = name;
    this.service = service;
    this.encodings = encodings;
    this.pki = pki;
    this.certifiedServices = certifiedServices;
  }

  /**
   * A user's grid (its objects created by {@link InfinispanGridManifest#createIn}): the manifest's
   * StatefulSet, reached through its Service, with the caches its {@code infinispan.xml} declares.
   */
  public static InfinispanDemoGrid forManifest(
      KubernetesClient kube, InfinispanGridManifest manifest) {
    return new InfinispanDemoGrid(
        kube,
        manifest.namespace(),
        manifest.name(),
        manifest.service().getMetadata().getName(),
        manifest.caches(),
        null,
        List.of());
  }

  /**
   * This grid with an endpoint that speaks TLS only, as an Infinispan Operator grid does by
   * default: {@link #create} then issues a certificate from {@code pki} for the grid's Service and
   * {@code otherServices} (an upgrade's pinned source Service and its target, whose pods copy this
   * grid's pod template and so serve the same key store), creates Secrets {@code <grid>-keystore}
   * (mounted by the pods) and {@code <grid>-ca} (for the request's {@code tlsSecret}, {@link
   * #tlsSecret}), and every client here (cache creation over HTTPS, loading, reading back, {@link
   * #ops}) trusts that CA only.
   */
  public InfinispanDemoGrid withTls(SandboxPki pki, String... otherServices) {
    List<String> services = new ArrayList<>(List.of(name));
    services.addAll(List.of(otherServices));
    return new InfinispanDemoGrid(
        kube, namespace, name, service, encodings, pki, List.copyOf(services));
  }

  /** The Secret with the grid's CA for an upgrade request's {@code tlsSecret}, or null if plain. */
  public String tlsSecret() {
    return pki == null ? null : name + "-ca";
  }

  /**
   * A traffic probe's client for {@code cache} through the client Service (over TLS if so); on the
   * protostream cache its values travel as {@code demo.Product} names ({@link ProductValues}).
   */
  public GridOps ops(String cache) {
    if (encodings.get(cache) != Encoding.PROTOSTREAM) {
      return new InfinispanOps(serviceHost(), PORT, cache, null, null, sslContext(), sniHostName());
    }
    DataFormat json =
        DataFormat.builder()
            .keyType(MediaType.TEXT_PLAIN)
            .keyMarshaller(new UTF8StringMarshaller())
            .valueType(MediaType.APPLICATION_JSON)
            .valueMarshaller(new UTF8StringMarshaller())
            .build();
    return new ProductValues(
        new InfinispanOps(
            serviceHost(), PORT, cache, null, null, sslContext(), sniHostName(), json));
  }

  /**
   * One probe client over {@code caches}, keys spread over them, whose writes to some can pause
   * while an upgrade asks ({@link CacheRouter}).
   */
  public CacheRouter routedOps(List<String> caches) {
    Map<String, GridOps> byCache = new LinkedHashMap<>();
    for (String cache : caches) {
      byCache.put(cache, ops(cache));
    }
    return new CacheRouter(byCache);
  }

  /** A context trusting only the grid's CA, checking the Service's names; null if plain. */
  private SSLContext sslContext() {
    if (pki == null) {
      return null;
    }
    try {
      String ca = Files.readString(pki.caCertificatePem());
      return new GridTrust(namespace + "/" + tlsSecret(), ca)
          .sslContext(namespace + "/" + name, serviceHost());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String sniHostName() {
    return pki == null ? null : GridTrust.sniName(namespace + "/" + name);
  }

  /** The grid's (StatefulSet's) name. */
  public String name() {
    return name;
  }

  /** The client Service's name. */
  public String service() {
    return service;
  }

  /**
   * The caches the demo loads and checks: those whose encoding it can write ({@link Encoding#OTHER}
   * ones are left as they are).
   */
  public List<String> loadableCaches() {
    return encodings.entrySet().stream()
        .filter(e -> e.getValue() != Encoding.OTHER)
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * The first cache whose values are the client's bytes (what the traffic probe writes), if any.
   */
  public java.util.Optional<String> unencodedCache() {
    return encodings.entrySet().stream()
        .filter(e -> e.getValue() == Encoding.UNENCODED)
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** The grid's namespace. */
  public String namespace() {
    return namespace;
  }

  /** Creates ConfigMap, StatefulSet and Service of a grid running {@code version}. */
  public void create(String version, int replicas) {
    create(version, replicas, Map.of());
  }

  /**
   * As {@link #create(String, int)}, with {@code labels} added to the StatefulSet (what a fleet's
   * selectors match).
   */
  public void create(String version, int replicas, Map<String, String> labels) {
    create(version, replicas, labels, false);
  }

  /**
   * As {@link #create(String, int)}, with the grid an OpenShift DeploymentConfig, as the Data Grid
   * seed runs it ({@link OpenShiftGrids#fromStatefulSet}).
   */
  public void createAsDeploymentConfig(String version, int replicas) {
    create(version, replicas, Map.of(), true);
  }

  private void create(
      String version, int replicas, Map<String, String> labels, boolean deploymentConfig) {
    GridTlsSecrets tls =
        pki == null
            ? null
            : GridTlsSecrets.create(
                kube, namespace, pki, name, certifiedServices.toArray(String[]::new));
    kube.configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name + "-config")
                .endMetadata()
                .addToData("infinispan.xml", serverConfig(version))
                .build())
        .create();
    StatefulSet sts = statefulSet(version, replicas, labels, tls);
    if (deploymentConfig) {
      OpenShiftGrids.create(kube, namespace, OpenShiftGrids.fromStatefulSet(sts));
    } else {
      kube.apps().statefulSets().inNamespace(namespace).resource(sts).create();
    }
    kube.services()
        .inNamespace(namespace)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", name)
                .addNewPort()
                .withName("hotrod")
                .withPort(PORT)
                .withTargetPort(new IntOrString(PORT))
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  /**
   * The grid's {@code infinispan.xml} for servers of {@code version}. The target's pods mount the
   * same ConfigMap, so it must be a schema both the source and every newer target read: the
   * sandbox's 14.0 schema serves 14.x to 16.x sources; an older source (10.1 to 13.0) needs the
   * sandbox's configuration for its own version, once the sandbox provides one.
   */
  private String serverConfig(String version) {
    return InfinispanServer.sandboxConfig(false, pki != null);
  }

  private StatefulSet statefulSet(
      String version, int replicas, Map<String, String> labels, GridTlsSecrets tls) {
    StatefulSet sts = statefulSet(version, replicas, labels);
    if (tls != null) {
      tls.mountInto(sts.getSpec().getTemplate().getSpec());
    }
    return sts;
  }

  private StatefulSet statefulSet(String version, int replicas, Map<String, String> labels) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels(labels)
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withServiceName(name)
        .withMinReadySeconds(5)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewUpdateStrategy()
        .withType("RollingUpdate")
        .endUpdateStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(60L)
        .addNewContainer()
        .withName("infinispan")
        .withImage(IMAGE_REPOSITORY + ":" + version)
        .addNewPort()
        .withName("hotrod")
        .withContainerPort(PORT)
        .endPort()
        .addNewVolumeMount()
        .withName("config")
        .withMountPath("/opt/infinispan/server/conf/user")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("config")
        .withNewConfigMap()
        .withName(name + "-config")
        .endConfigMap()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** Waits until every replica of the grid is ready; reports progress as ready counts. */
  public void awaitReady(int replicas, Duration timeout, IntConsumer progress)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      StatefulSet sts = kube.apps().statefulSets().inNamespace(namespace).withName(name).get();
      Integer ready =
          sts == null || sts.getStatus() == null ? null : sts.getStatus().getReadyReplicas();
      int now =
          sts == null
              ? OpenShiftGrids.readyReplicas(kube, namespace, name)
              : ready == null ? 0 : ready;
      if (now != last) {
        progress.accept(now);
        last = now;
      }
      if (now >= replicas) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "grid "
            + name
            + " did not become ready within "
            + timeout
            + "; see the pod logs under the sandbox work dir");
  }

  /** The client Service's address (its cluster IP in the sandbox). */
  public String serviceHost() {
    return kube.services().inNamespace(namespace).withName(service).get().getSpec().getClusterIP();
  }

  /** Creates the caches and the schema. */
  public void createCaches() throws IOException, InterruptedException {
    createCaches(CACHES.keySet());
  }

  /** Registers the schema and creates {@code names}, some of the demo's caches. */
  public void createCaches(Collection<String> names) throws IOException, InterruptedException {
    requireDemoCaches(names);
    DemoRest rest = new DemoRest(serviceHost(), PORT, sslContext());
    rest.registerSchema(SCHEMA_NAME, SCHEMA);
    for (String name : names) {
      rest.createCache(name, CACHES.get(name));
    }
  }

  /**
   * Registers the demo's schema when a cache of this grid stores protostream (a user's grid
   * declares its caches in {@code infinispan.xml}; the demo's values for them are {@code
   * demo.Product}).
   */
  public void registerSchemaIfNeeded() throws IOException, InterruptedException {
    if (encodings.containsValue(Encoding.PROTOSTREAM)) {
      new DemoRest(serviceHost(), PORT, sslContext()).registerSchema(SCHEMA_NAME, SCHEMA);
    }
  }

  /** Loads {@code total} entries spread over the caches; returns entries per cache. */
  public Map<String, Integer> load(int total, IntConsumer progress) {
    return load(total, loadableCaches(), progress);
  }

  /** Loads {@code total} entries spread over {@code names}; returns entries per cache. */
  public Map<String, Integer> load(int total, Collection<String> names, IntConsumer progress) {
    requireLoadable(names);
    Map<String, Integer> counts = split(total, names);
    int done = 0;
    try (RemoteCacheManager rcm = hotRod()) {
      for (var cache : counts.entrySet()) {
        Encoding encoding = encodings.get(cache.getKey());
        RemoteCache<String, String> c = cache(rcm, cache.getKey(), encoding);
        Map<String, String> batch = new HashMap<>();
        for (int i = 0; i < cache.getValue(); i++) {
          batch.put(key(cache.getKey(), i), value(cache.getKey(), encoding, i));
          if (batch.size() == 1000) {
            c.putAll(batch);
            done += batch.size();
            batch.clear();
            progress.accept(done);
          }
        }
        c.putAll(batch);
        done += batch.size();
        progress.accept(done);
      }
    }
    return counts;
  }

  /**
   * Reads every loaded key back through the client Service (now the target's) and returns, per
   * cache, how many are missing or hold a different value.
   */
  public Map<String, Integer> missingKeys(Map<String, Integer> loaded) {
    Map<String, Integer> missing = new LinkedHashMap<>();
    try (RemoteCacheManager rcm = hotRod()) {
      for (var cache : loaded.entrySet()) {
        Encoding encoding = encodings.get(cache.getKey());
        RemoteCache<String, String> c = cache(rcm, cache.getKey(), encoding);
        int lost = 0;
        for (int start = 0; start < cache.getValue(); start += 1000) {
          Set<String> keys = new java.util.HashSet<>();
          for (int i = start; i < Math.min(cache.getValue(), start + 1000); i++) {
            keys.add(key(cache.getKey(), i));
          }
          Map<String, String> found = c.getAll(keys);
          for (int i = start; i < Math.min(cache.getValue(), start + 1000); i++) {
            if (!sameValue(
                encoding, value(cache.getKey(), encoding, i), found.get(key(cache.getKey(), i)))) {
              lost++;
            }
          }
        }
        missing.put(cache.getKey(), lost);
      }
    }
    return missing;
  }

  private static boolean sameValue(Encoding encoding, String expected, String actual) {
    if (actual == null) {
      return false;
    }
    // JSON read back from a protostream cache may differ in whitespace and field order.
    return encoding == Encoding.PROTOSTREAM
        ? actual.replace(" ", "").contains("\"stock\":" + stockOf(expected))
        : expected.equals(actual);
  }

  private static String stockOf(String json) {
    return json.substring(json.indexOf("\"stock\":") + 8, json.indexOf('}')).trim();
  }

  private void requireLoadable(Collection<String> names) {
    if (names.isEmpty() || !loadableCaches().containsAll(names)) {
      throw new IllegalArgumentException(
          "caches " + names + ": choose one or more of this grid's caches " + loadableCaches());
    }
  }

  private static void requireDemoCaches(Collection<String> names) {
    if (names.isEmpty() || !CACHES.keySet().containsAll(names)) {
      throw new IllegalArgumentException(
          "caches " + names + ": choose one or more of the demo's caches " + CACHES.keySet());
    }
  }

  private static Map<String, Integer> split(int total, Collection<String> caches) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(caches);
    int share = total / names.size();
    for (int i = 0; i < names.size(); i++) {
      counts.put(names.get(i), i == 0 ? total - share * (names.size() - 1) : share);
    }
    return counts;
  }

  static String key(String cache, int i) {
    return cache + "-" + i;
  }

  static String value(String cache, Encoding encoding, int i) {
    if (encoding == Encoding.PROTOSTREAM) {
      return "{\"_type\":\"demo.Product\",\"name\":\"product-"
          + i
          + "\",\"stock\":"
          + (i % 1000)
          + "}";
    }
    return cache + "-value-" + i;
  }

  private RemoteCacheManager hotRod() {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    // A client outside the cluster sees only the Service address: no topology-aware routing.
    builder.addServer().host(serviceHost()).port(PORT);
    builder.clientIntelligence(ClientIntelligence.BASIC);
    builder.socketTimeout(60_000);
    if (pki != null) {
      // The context's trust manager checks the certificate's names itself.
      builder
          .security()
          .ssl()
          .enable()
          .sslContext(sslContext())
          .sniHostName(sniHostName())
          .hostnameValidation(false);
    }
    return new RemoteCacheManager(builder.build());
  }

  private static RemoteCache<String, String> cache(
      RemoteCacheManager rcm, String name, Encoding encoding) {
    RemoteCache<String, String> cache = rcm.getCache(name);
    if (cache == null) {
      throw new IllegalStateException("the grid has no cache '" + name + "'");
    }
    return switch (encoding) {
      // The server converts JSON to and from demo.Product.
      case PROTOSTREAM -> cache.withDataFormat(strings(MediaType.APPLICATION_JSON));
      case TEXT -> cache.withDataFormat(strings(MediaType.TEXT_PLAIN));
      // Unencoded caches store the client's bytes as they are: the default marshaller reads
      // them back.
      default -> cache;
    };
  }

  private static DataFormat strings(MediaType valueType) {
    return DataFormat.builder()
        .keyType(MediaType.TEXT_PLAIN)
        .keyMarshaller(new UTF8StringMarshaller())
        .valueType(valueType)
        .valueMarshaller(new UTF8StringMarshaller())
        .build();
  }
}
