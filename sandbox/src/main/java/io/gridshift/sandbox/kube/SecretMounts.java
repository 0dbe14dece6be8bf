package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Secret volumes of a pod whose process runs on this host: each mounted Secret is written as files
 * (one per key, like a kubelet's projection) under {@code <podRoot>/mounts/<volume>}, and the
 * container's environment values that name a path under a mount path are rewritten to the local
 * directory. A workload that tells its server where a mounted file is through an environment
 * variable (gridshift's source trust store, {@code GRIDSHIFT_SOURCE_TRUSTSTORE}) therefore runs
 * unchanged: on a cluster the path is the mount itself, here it is the local copy. A path written
 * literally into a server's configuration is not translated (nothing could do it short of a
 * chroot); that is why such paths go through the environment.
 */
final class SecretMounts {
  private final Map<String, Path> localByMountPath = new LinkedHashMap<>();

  private SecretMounts() {}

  /** Writes the pod's mounted Secrets under {@code podRoot/mounts}; missing Secrets are skipped. */
  static SecretMounts materialise(PodContext context, PodInputs inputs, Path podRoot)
      throws IOException {
    SecretMounts mounts = new SecretMounts();
    if (context.pod().getSpec().getVolumes() == null
        || inputs.container().getVolumeMounts() == null) {
      return mounts;
    }
    for (VolumeMount mount : inputs.container().getVolumeMounts()) {
      Volume volume =
          context.pod().getSpec().getVolumes().stream()
              .filter(v -> v.getName().equals(mount.getName()) && v.getSecret() != null)
              .findFirst()
              .orElse(null);
      if (volume == null) {
        continue;
      }
      Secret secret =
          context
              .client()
              .secrets()
              .inNamespace(context.namespace())
              .withName(volume.getSecret().getSecretName())
              .get();
      if (secret == null || secret.getData() == null) {
        continue;
      }
      Path dir = podRoot.resolve("mounts").resolve(volume.getName()).toAbsolutePath();
      Files.createDirectories(dir);
      for (Map.Entry<String, String> entry : secret.getData().entrySet()) {
        Files.write(dir.resolve(entry.getKey()), Base64.getDecoder().decode(entry.getValue()));
      }
      mounts.localByMountPath.put(strip(mount.getMountPath()), dir);
    }
    return mounts;
  }

  /** {@code env} with values under a mount path pointing into the local copy instead. */
  Map<String, String> rewrite(Map<String, String> env) {
    Map<String, String> result = new LinkedHashMap<>();
    env.forEach((name, value) -> result.put(name, rewrite(value)));
    return result;
  }

  private String rewrite(String value) {
    for (Map.Entry<String, Path> mount : localByMountPath.entrySet()) {
      String path = mount.getKey();
      if (value.equals(path)) {
        return mount.getValue().toString();
      }
      if (value.startsWith(path + "/")) {
        return mount.getValue().resolve(value.substring(path.length() + 1)).toString();
      }
    }
    return value;
  }

  private static String strip(String path) {
    return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
  }
}
