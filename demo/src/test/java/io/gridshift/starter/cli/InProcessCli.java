package io.gridshift.starter.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The real {@code gridshift} command line run in this JVM, with its real transports (REST through
 * {@code --server}, Temporal directly through {@code --temporal}), capturing what it prints and its
 * exit code. (In the CLI's package because its entry point is package-private.)
 */
public final class InProcessCli {
  private InProcessCli() {}

  /** Runs {@code argv} with environment {@code env}. */
  public static Result run(Map<String, String> env, String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = new GridshiftCli(o, e, env, DirectClient::connect).run(argv);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** What one run printed and returned. */
  public record Result(int exitCode, String out, String err) {}
}
