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
 *   <li>new mount, PID and network namespaces ({@code unshare}; inside a user namespace when plain
 *       ones are not allowed), so the mounts vanish with the process and nothing it does reaches
 *       any network;
 *   <li>the root filesystem bind-mounted read-only, a tmpfs on /tmp, /proc mounted (the JVM and the
 *       dynamic loader read /proc/self/exe);
 *   <li>{@code chroot} into it with only the image's environment, as the image's user (in a user
 *       namespace, which maps only our own user, as its root instead, still on a read-only
 *       filesystem).
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
  private final List<String> unshare;

  ReadOnlyContainer(Path rootfs, List<String> environment, String user)
      throws IOException, InterruptedException {
    this.rootfs = rootfs;
    this.environment = environment;
    this.user = user;
    this.unshare = unshare();
    Files.createDirectories(rootfs.resolve("proc")); // a mount point, as runtimes add
  }

  /**
   * The namespaces this machine lets us make: as root with CAP_SYS_ADMIN plain ones, otherwise
   * inside a user namespace.
   */
  private static List<String> unshare() throws IOException, InterruptedException {
    List<String> plain = List.of("unshare", "-m", "-p", "-f", "-n");
    List<String> userNamespace = List.of("unshare", "-r", "-m", "-p", "-f", "-n");
    for (List<String> candidate : List.of(plain, userNamespace)) {
      List<String> probe = new ArrayList<>(candidate);
      probe.add("true");
      if (Commands.run(probe, null, "").exitCode() == 0) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "cannot create mount and PID namespaces (unshare -m -p -f -n, also with -r): the image"
            + " check needs root with CAP_SYS_ADMIN or unprivileged user namespaces");
  }

  /** Runs {@code command} (resolved on the image's PATH) with {@code stdin}. */
  Result run(String stdin, List<String> command) throws IOException, InterruptedException {
    boolean root = !unshare.contains("-r");
    List<String> line = new ArrayList<>(unshare);
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
