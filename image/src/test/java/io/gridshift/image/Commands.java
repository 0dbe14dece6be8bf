package io.gridshift.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands for the image checks. */
final class Commands {
  private Commands() {}

  /** What a finished command printed and returned. */
  record Result(int exitCode, String stdout, String stderr) {}

  /** Runs {@code command} with {@code stdin}; a command still running after a minute fails. */
  static Result run(List<String> command, List<String> environment, String stdin)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (environment != null) {
      builder.environment().clear();
      for (String entry : environment) {
        String[] nameValue = entry.split("=", 2);
        builder.environment().put(nameValue[0], nameValue[1]);
      }
    }
    Path stdout = Files.createTempFile("image-check", ".out");
    Path stderr = Files.createTempFile("image-check", ".err");
    try {
      Process process =
          builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("still running after 60 s: " + command);
      }
      return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  /** Runs {@code command} in this environment; fails unless it exits 0. */
  static void run(List<String> command) throws IOException, InterruptedException {
    Result result = run(command, null, "");
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          command + " exited " + result.exitCode() + ": " + result.stderr());
    }
  }

  static void deleteRecursively(Path folder) throws IOException, InterruptedException {
    run(List.of("rm", "-rf", folder.toString()));
  }
}
