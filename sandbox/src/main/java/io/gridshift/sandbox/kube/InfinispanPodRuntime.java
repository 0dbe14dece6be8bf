package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.gridshift.sandbox.infinispan.InfinispanServer;
import io.gridshift.sandbox.infinispan.InfinispanServerSpec;
import io.gridshift.sandbox.infinispan.ProbeTls;
import io.gridshift.sandbox.infinispan.ServerTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs Infinispan pods as real Infinispan servers (see {@code io.gridshift.sandbox.infinispan}). It
 * handles images whose repository names {@code infinispan} or {@code datagrid} and whose tag is a
 * version it knows, so a typo fails the pod at once instead of after a download. The server is
 * built from the pod the way the image would read it:
 *
 * <ul>
 *   <li>version: the image tag; bind address: the pod IP; port: the container port named {@code
 *       hotrod}, else 11222; JGroups on port 7800 of the pod IP;
 *   <li>cluster name: the owning StatefulSet or Deployment; initial hosts: every other pod of it
 *       that has an address, plus this one;
 *   <li>{@code infinispan.xml}: from the first mounted ConfigMap that has that key (its other keys,
 *       e.g. users.properties, become files beside it), else the sandbox's default configuration;
 *   <li>TLS: when the pod mounts a Secret with {@code keystore.p12} (and {@code password}), the
 *       Infinispan Operator's custom keystore Secret, the server presents that key store on its
 *       endpoint ({@link ServerTls}); the readiness probe then speaks HTTPS, unverified like a
 *       kubelet's;
 *   <li>environment: the container's, Secret and ConfigMap references resolved;
 *   <li>mounted Secrets: written under {@code <files>/mounts/<volume>}, and environment values
 *       naming a path under a mount path rewritten to that copy ({@link SecretMounts});
 *   <li>files: {@code <sandbox>/pods/<namespace>/<pod>}, kept when a pod of the same name returns
 *       (like a PersistentVolumeClaim).
 * </ul>
 */
public final class InfinispanPodRuntime implements PodRuntime {
  /** Versions the sandbox runs for real (RUNTIME.md). */
  public static final Set<String> KNOWN_VERSIONS =
      Set.of("14.0.28.Final", "15.0.21.Final", "15.2.6.Final");

  static final int DEFAULT_PORT = 11222;
  static final int JGROUPS_PORT = 7800;
  private static final HttpClient PROBE =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Set<String> versions;

  /** The known versions plus those named by {@code -Dgridshift.infinispan.source/target}. */
  public InfinispanPodRuntime() {
    this(withConfiguredVersions());
  }

  public InfinispanPodRuntime(Set<String> versions) {
    this.versions = new TreeSet<>(versions);
  }

  private static Set<String> withConfiguredVersions() {
    Set<String> all = new TreeSet<>(KNOWN_VERSIONS);
    for (String property : List.of("gridshift.infinispan.source", "gridshift.infinispan.target")) {
      String version = System.getProperty(property);
      if (version != null && !version.isBlank()) {
        all.add(version.trim());
      }
    }
    return all;
  }

  @Override
  public boolean handles(Pod pod) {
    return version(pod) != null;
  }

  @Override
  public String describe() {
    return "images whose repository contains 'infinispan' or 'datagrid' with tag "
        + String.join(" | ", versions);
  }

  /** The image's version if this runtime runs it, else null. */
  String version(Pod pod) {
    if (pod.getSpec() == null || pod.getSpec().getContainers().isEmpty()) {
      return null;
    }
    String image = pod.getSpec().getContainers().get(0).getImage();
    if (image == null || image.contains("@")) {
      return null; // digests name no version
    }
    int colon = image.lastIndexOf(':');
    if (colon < 0 || colon < image.lastIndexOf('/')) {
      return null;
    }
    String repository = image.substring(0, colon).toLowerCase(Locale.ROOT);
    String tag = image.substring(colon + 1);
    boolean grid = repository.contains("infinispan") || repository.contains("datagrid");
    return grid && versions.contains(tag) ? tag : null;
  }

  @Override
  public RunningPod start(PodContext context) throws IOException {
    InfinispanServer server = InfinispanServer.start(spec(context));
    return new Running(server);
  }

  InfinispanServerSpec spec(PodContext context) {
    PodInputs inputs = new PodInputs(context);
    List<String> hosts = new ArrayList<>();
    for (String peer : inputs.peerIps()) {
      hosts.add(peer + "[" + JGROUPS_PORT + "]");
    }
    hosts.add(context.podIp() + "[" + JGROUPS_PORT + "]");
    String configXml = null;
    Map<String, String> confFiles = new LinkedHashMap<>();
    ConfigMap config = inputs.mountedConfigMapWithKey("infinispan.xml").orElse(null);
    if (config != null) {
      configXml = config.getData().get("infinispan.xml");
      config
          .getData()
          .forEach(
              (k, v) -> {
                if (!k.equals("infinispan.xml")) {
                  confFiles.put(k, v);
                }
              });
    }
    Path root =
        context.sandboxDir().resolve("pods").resolve(context.namespace()).resolve(context.name());
    return new InfinispanServerSpec(
        version(context.pod()),
        root,
        context.podIp(),
        inputs.port("hotrod", DEFAULT_PORT),
        inputs.workloadName(),
        hosts,
        JGROUPS_PORT,
        configXml,
        confFiles,
        secretMounts(context, inputs, root).rewrite(inputs.env()),
        tls(inputs));
  }

  private static SecretMounts secretMounts(PodContext context, PodInputs inputs, Path root) {
    try {
      return SecretMounts.materialise(context, inputs, root);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write the pod's mounted Secrets", e);
    }
  }

  /** The key store of a mounted keystore Secret, or null when the pod mounts none. */
  private static ServerTls tls(PodInputs inputs) {
    Secret secret = inputs.mountedSecretWithKey(ServerTls.SECRET_KEYSTORE_KEY).orElse(null);
    if (secret == null) {
      return null;
    }
    String password = secret.getData().get(ServerTls.SECRET_PASSWORD_KEY);
    if (password == null) {
      throw new IllegalArgumentException(
          "Secret "
              + secret.getMetadata().getName()
              + " has 'keystore.p12' but no 'password': add the key store's password");
    }
    return new ServerTls(
        Base64.getDecoder().decode(secret.getData().get(ServerTls.SECRET_KEYSTORE_KEY)),
        new String(Base64.getDecoder().decode(password), StandardCharsets.UTF_8).strip());
  }

  /** A started server; ready like the Infinispan Operator's probe, rebalancing included. */
  private record Running(InfinispanServer server) implements RunningPod {
    @Override
    public boolean isAlive() {
      return server.isAlive();
    }

    @Override
    public boolean isReady() {
      if (!server.isAlive()) {
        return false;
      }
      URI uri =
          URI.create(
              (server.tls() ? "https://" : "http://")
                  + server.bindAddress()
                  + ":"
                  + server.port()
                  + "/rest/v2/cache-managers/default/health/status");
      try {
        HttpResponse<String> response =
            (server.tls() ? ProbeTls.CLIENT : PROBE)
                .send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        String body = response.body().strip();
        return response.statusCode() == 200
            && (body.equals("HEALTHY") || body.equals("HEALTHY_REBALANCING"));
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    @Override
    public void stop(Duration grace) {
      server.stop(grace);
    }
  }
}
