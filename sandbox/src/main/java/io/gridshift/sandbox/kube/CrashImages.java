package io.gridshift.sandbox.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A fault fixture: images whose containers crash at start on every kubelet of the sandbox, as an
 * image with a broken entrypoint or configuration would. The list is a file, one image per line
 * exactly as the pod template names it ({@code quay.io/infinispan/server:15.0.21.Final}); blank
 * lines and lines starting with {@code #} are ignored. A kubelet reads it each time it starts a
 * container, so writing the file (by this class, a test, or any other process such as the chaos
 * benchmark) takes effect at the next start and removing a line ends the crashes.
 *
 * <p>A listed image's container never runs its process: it exits at once with code {@value
 * #EXIT_CODE} and {@link #MESSAGE}, and the kubelet restarts it with its back-off, reporting {@code
 * CrashLoopBackOff}, the restart count and the last termination as a real kubelet does. Nothing in
 * the product knows the file: the version stays valid for the plan, only its pods fail.
 */
public final class CrashImages {
  /** Where the file lives below the sandbox's directory. */
  public static final String FILE = "faults/crash-images";

  /** The exit code of a crashing container. */
  public static final int EXIT_CODE = 1;

  /** The message of a crashing container's termination. */
  public static final String MESSAGE =
      "sandbox fault: this image is listed in " + FILE + " and exits at start";

  private final Path file;

  /**
   * @param sandboxDir the sandbox's directory; the file is {@value #FILE} below it
   */
  public CrashImages(Path sandboxDir) {
    this.file = sandboxDir.resolve(FILE);
  }

  /** The file the kubelets read. */
  public Path file() {
    return file;
  }

  /** Makes {@code image}'s containers crash at their next start. */
  public synchronized void add(String image) {
    Set<String> images = new LinkedHashSet<>(images());
    images.add(image.strip());
    write(images);
  }

  /** Lets {@code image}'s containers start normally again from their next start. */
  public synchronized void remove(String image) {
    Set<String> images = new LinkedHashSet<>(images());
    images.remove(image.strip());
    write(images);
  }

  /** The images listed now. */
  public List<String> images() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a container of {@code image} crashes at start; an unreadable file lists nothing. */
  boolean crashes(String image) {
    try {
      return image != null && images().contains(image.strip());
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /** A container of {@code image} that has already exited, if the image is listed. */
  Optional<RunningPod> startCrashing(String image) {
    return crashes(image) ? Optional.of(new Crashed()) : Optional.empty();
  }

  private void write(Set<String> images) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, images);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A container that exited at start. */
  private static final class Crashed implements RunningPod {
    @Override
    public boolean isAlive() {
      return false;
    }

    @Override
    public boolean isReady() {
      return false;
    }

    @Override
    public void stop(java.time.Duration grace) {}

    @Override
    public java.util.OptionalInt exitCode() {
      return java.util.OptionalInt.of(EXIT_CODE);
    }

    @Override
    public String exitMessage() {
      return MESSAGE;
    }
  }
}
