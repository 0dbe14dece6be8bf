package io.gridshift.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The loopback addresses one sandbox cluster gives its pods ({@code 127.<n>.1.x}) and Services
 * ({@code 127.<n>.3.x}). The standard sandbox (the demo, on fixed ports) gives its {@code i}-th
 * cluster {@code n = i} (the first, 127.0, as before clusters); clusters of sandboxes on ephemeral
 * ports (tests) each claim a free {@code n} between 100 and 199 with a file lock held while they
 * run, so that no two clusters on one machine, in one sandbox or not, hand out the same address.
 */
final class LoopbackNetwork implements AutoCloseable {
  /** How many networks the standard sandbox can give its clusters: 127.0 to 127.99. */
  static final int STANDARD_NETWORKS = 100;

  private static final int FIRST_SHARED = STANDARD_NETWORKS;
  private static final int LAST_SHARED = 199;

  private final int octet;
  private final FileChannel lockFile;
  private final FileLock lock;

  private LoopbackNetwork(int octet, FileChannel lockFile, FileLock lock) {
    this.octet = octet;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /** The standard sandbox's network for its {@code index}-th cluster, 127.index.x.x. */
  static LoopbackNetwork standard(int index) {
    if (index < 0 || index >= STANDARD_NETWORKS) {
      throw new IllegalArgumentException(
          "the standard sandbox has networks for clusters 0.." + (STANDARD_NETWORKS - 1));
    }
    return new LoopbackNetwork(index, null, null);
  }

  /** The first network between 127.100 and 127.199 no other sandbox holds. */
  static LoopbackNetwork claimFree() throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    for (int n = FIRST_SHARED; n <= LAST_SHARED; n++) {
      FileChannel channel =
          FileChannel.open(
              dir.resolve("gridshift-sandbox-net-" + n + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock = null;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // held by another sandbox in this JVM
      }
      if (lock != null) {
        return new LoopbackNetwork(n, channel, lock);
      }
      channel.close();
    }
    throw new IOException(
        "every sandbox network 127.100-127.199 is in use; stop other sandboxes (lock files "
            + dir.resolve("gridshift-sandbox-net-*.lock")
            + ")");
  }

  /** Pod addresses: three octets and a dot. */
  String podPrefix() {
    return "127." + octet + ".1.";
  }

  /** Service cluster IPs: three octets and a dot. */
  String servicePrefix() {
    return "127." + octet + ".3.";
  }

  @Override
  public void close() throws IOException {
    if (lock != null) {
      lock.release();
      lockFile.close();
    }
  }
}
