package io.gridshift.image;

import io.gridshift.image.Commands.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a command in an unpacked image as a Kubernetes pod with {@code readOnlyRootFilesystem} and
 * an emptyDir on /tmp would, without a container runtime:
 *
 * <ol>
 *   <li>new mount, PID and network namespaces ({@code unshare}; with a user namespace too when not
 *       root), so the mounts vanish with the process and nothing it does reaches any network;
 *   <li>the root filesystem bind-mounted read-only, a tmpfs on /tmp, /proc mounted (the JVM and the
 *       dynamic loader read /proc/self/exe);
 *   <li>{@code chroot} into it with only the image's environment, as the image's user when we are
 *       root (a user namespace maps only our own user, so there it runs as its root, still on a
 *       read-only filesystem).
 * </ol>
 */
final class ReadOnlyContainer {
  private static final String MOUNTS =
      "mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\""
          + " && mount -t tmpfs tmpfs \"$1/tmp\" && mount -t proc proc \"$1/proc\""
          + " && shift && exec \"$@\"";

  private final Path rootfs;
  private final List<String> environment;
  private final String user;

  ReadOnlyContainer(Path rootfs, List<String> environment, String user) throws IOException {
    this.rootfs = rootfs;
    this.environment = environment;
    this.user = user;
    Files.createDirectories(rootfs.resolve("proc")); // a mount point, as runtimes add
  }

  /** Runs {@code command} (resolved on the image's PATH) with {@code stdin}. */
  Result run(String stdin, List<String> command) throws IOException, InterruptedException {
    boolean root = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    List<String> line = new ArrayList<>(List.of("unshare", "-m", "-p", "-f", "-n"));
    if (!root) {
      line.add("-r");
    }
    line.addAll(List.of("/bin/sh", "-c", MOUNTS, "sh", rootfs.toString(), "env", "-i"));
    line.addAll(environment);
    line.add(chroot()); // by its path: env -i leaves no PATH to find it
    if (root) {
      line.add("--userspec=" + user);
    }
    line.add(rootfs.toString());
    line.addAll(command);
    return Commands.run(line, null, stdin);
  }

  private static String chroot() {
    return Stream.of("/usr/sbin/chroot", "/sbin/chroot", "/usr/bin/chroot")
        .filter(path -> Files.isExecutable(Path.of(path)))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("chroot (coreutils) is not installed"));
  }
}
