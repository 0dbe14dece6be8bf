package io.gridshift.sandbox.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.gridshift.sandbox.kube.RbacPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Composes a kustomization the way a user's {@code kubectl apply -k DIR} does: with kubectl's own
 * kustomize ({@code kubectl kustomize DIR}), so the test reads exactly what a cluster would get,
 * and parses the result with fabric8 ({@link KubectlBinary} finds or fetches that kubectl).
 */
final class Kustomize {
  private Kustomize() {}

  /** The objects {@code kubectl kustomize dir} renders, in its order. */
  static List<HasMetadata> build(Path dir) throws IOException, InterruptedException {
    Path errors = Files.createTempFile("kustomize", ".err");
    Process process =
        new ProcessBuilder(KubectlBinary.path(), "kustomize", dir.toString())
            .redirectError(errors.toFile())
            .start();
    byte[] out = process.getInputStream().readAllBytes();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    String err = Files.readString(errors).strip();
    Files.deleteIfExists(errors);
    if (!ended || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + err);
    }
    return RbacPolicy.parse(new String(out, StandardCharsets.UTF_8), "kubectl kustomize " + dir);
  }
}
