package io.gridshift.sandbox.kube;

import io.gridshift.sandbox.infinispan.InfinispanDistributions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's own CLI ({@code bin/cli.sh}) as a sandbox pod runs it: the real Infinispan CLI
 * ({@code org.infinispan:infinispan-cli-client} of the pod's version, with the server's jars that
 * {@link InfinispanDistributions} resolved) started as a process on this machine.
 *
 * <p>What differs from a pod, and only that: {@code bin/cli.sh} is a launcher script in {@code
 * <cache>/infinispan-cli/<version>/bin/cli.sh} that runs the CLI's main class, and {@code
 * 127.0.0.1}/{@code localhost} in the arguments become the pod's own loopback address (in a pod
 * they are the pod; here every pod shares the machine's loopback). A command gridshift sends as
 * {@code sh -c '<script>' /opt/infinispan/bin/cli.sh <args>} runs through the real {@code sh} with
 * the launcher as {@code $0}.
 */
final class InfinispanCli {
  /** How long one command may run before the sandbox kills it (exit code 137). */
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  private InfinispanCli() {}

  /** True when {@code command} runs the server's CLI, directly or as {@code sh -c}'s {@code $0}. */
  static boolean handles(List<String> command) {
    return cliIndex(command) >= 0;
  }

  /**
   * Runs {@code command} for a pod at {@code podIp} whose server runs {@code version}.
   *
   * @return exit code, stdout and stderr
   */
  static PodExec.Outcome run(List<String> command, String podIp, String version)
      throws IOException, InterruptedException {
    int cli = cliIndex(command);
    List<String> args = new ArrayList<>();
    for (int i = 0; i < command.size(); i++) {
      String arg = command.get(i);
      args.add(i == cli ? launcher(version).toString() : i > cli ? local(arg, podIp) : arg);
    }
    ProcessBuilder builder = new ProcessBuilder(args);
    Path work = Files.createTempDirectory("sandbox-cli-");
    Path out = work.resolve("stdout");
    Path err = work.resolve("stderr");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("HOME", work.toString()); // the CLI keeps its history there
    Process process = builder.start();
    int exit;
    if (process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      exit = process.exitValue();
    } else {
      process.destroyForcibly();
      exit = 137;
    }
    PodExec.Outcome outcome =
        new PodExec.Outcome(
            exit,
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    deleteQuietly(work);
    return outcome;
  }

  private static int cliIndex(List<String> command) {
    if (command.isEmpty()) {
      return -1;
    }
    if (isCli(command.get(0))) {
      return 0;
    }
    boolean shell = command.get(0).equals("sh") || command.get(0).endsWith("/sh");
    if (shell && command.size() >= 4 && command.get(1).equals("-c") && isCli(command.get(3))) {
      return 3;
    }
    return -1;
  }

  private static boolean isCli(String program) {
    return program.equals("bin/cli.sh") || program.endsWith("/bin/cli.sh");
  }

  private static String local(String arg, String podIp) {
    return arg.replace("127.0.0.1", podIp).replace("//localhost", "//" + podIp);
  }

  /** {@code <cache>/infinispan-cli/<version>/bin/cli.sh}, written once per version. */
  private static synchronized Path launcher(String version) throws IOException {
    Path lib = InfinispanDistributions.resolve(version);
    Path script =
        InfinispanDistributions.cacheRoot()
            .resolve("infinispan-cli")
            .resolve(version)
            .resolve("bin")
            .resolve("cli.sh");
    String text =
        "#!/bin/sh\n"
            + "# The Infinispan CLI of "
            + version
            + ", as the sandbox's pods run bin/cli.sh\n"
            + "exec java -Xmx128m -cp '"
            + lib.toAbsolutePath()
            + "/*' org.infinispan.cli.commands.CLI \"$@\"\n";
    if (!Files.exists(script) || !Files.readString(script).equals(text)) {
      Files.createDirectories(script.getParent());
      Path temp = Files.createTempFile(script.getParent(), "cli", ".sh");
      Files.writeString(temp, text);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(
          temp,
          script,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return script;
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
