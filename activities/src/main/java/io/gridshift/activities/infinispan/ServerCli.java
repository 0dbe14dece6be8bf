package io.gridshift.activities.infinispan;

import io.gridshift.activities.Failures;
import io.gridshift.activities.kubernetes.PodExec;
import io.gridshift.workflows.common.FailureTypes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rolling-upgrade commands of the server's own CLI, run in a target pod through the Kubernetes
 * exec API, as the seed runbook ran {@code cli.sh}: the way when the target's REST API lacks the
 * action ({@link #restActionMissing}). The CLI talks to the pod's own server, {@code
 * http://127.0.0.1:<port>}, and runs one command in batch mode:
 *
 * <pre>
 * sh -c 'printf "%s\n" "$2" | "$0" -c "$1" -f -' /opt/infinispan/bin/cli.sh \
 *     http://127.0.0.1:11222 'migrate cluster synchronize -c orders'
 * </pre>
 *
 * (the CLI takes no command after its options, only a batch; the shell pipes one line in). Both
 * commands are idempotent: synchronize copies what the source holds again, and disconnect of a
 * cache that is not connected is success.
 *
 * <p>Not for grids with credentials or TLS: the CLI would need the password on the exec command
 * line, which the API server logs; gridshift refuses and says so instead.
 */
public final class ServerCli {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCli.class);

  /** Where the Infinispan and Data Grid server images keep the CLI. */
  static final String CLI = "/opt/infinispan/bin/cli.sh";

  static final String SCRIPT = "printf '%s\\n' \"$2\" | \"$0\" -c \"$1\" -f -";

  /** A cache name the CLI's batch line takes without quoting. */
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._-]+");

  /** The server's answer, which the CLI prints (after its prompt, which holds numbers too). */
  /** A failed call as the CLI prints it: {@code Error: ...}, {@code Not Found: ...}. */
  private static final Pattern PROBLEM =
      Pattern.compile(
          "(Error|Not Found|Bad Request|Unauthorized|Forbidden|Conflict|Method Not Allowed"
              + "|Not Implemented|Internal Server Error|Service Unavailable):(.*)");

  private static final Pattern SYNCHRONIZED = Pattern.compile("Synchronized (\\d+) entries");

  /** How long one CLI command may run: a sync of a big cache takes minutes. */
  static final Duration TIMEOUT = Duration.ofMinutes(25);

  private final PodExec exec;

  public ServerCli(PodExec exec) {
    this.exec = exec;
  }

  /**
   * True when the target's answer to a rolling-upgrade action means the action itself is missing
   * there (405, 501, or 404 although the cache exists), so the CLI must do it.
   */
  static boolean restActionMissing(int status, boolean cacheExists) {
    return status == 405 || status == 501 || (status == 404 && cacheExists);
  }

  /** The command that runs {@code batchLine} with the CLI of the pod's server on {@code port}. */
  public static List<String> command(int port, String batchLine) {
    return List.of("sh", "-c", SCRIPT, CLI, "http://127.0.0.1:" + port, batchLine);
  }

  /**
   * Runs {@code migrate cluster synchronize} for {@code cache}; returns the entries copied.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@code InvalidRequest} when the
   *     cache has no remote store to the source (ISPN000397: connect it first), {@code
   *     CacheNotFound} when the target lacks the cache; retryable for any other error the CLI
   *     prints
   */
  public long synchronize(GridAddress target, String namespace, String service, String cache) {
    PodExec.Result result = runIn(target, namespace, service, "synchronize", cache);
    Matcher m = SYNCHRONIZED.matcher(result.stdout());
    if (!m.find()) {
      String problem = problem(result.stdout()).orElse(result.output());
      if (problem.contains("ISPN000397")) {
        throw Failures.nonRetryable(
            "CLI sync of cache '"
                + cache
                + "' in pod "
                + result.pod()
                + " found no remote store to the source: connect the source first ("
                + problem
                + ")",
            FailureTypes.INVALID_REQUEST);
      }
      throw failed("migrate cluster synchronize -c " + cache, target, result, problem);
    }
    long entries = Long.parseLong(m.group(1));
    LOG.info("CLI in pod {} synchronized {} entries of cache '{}'", result.pod(), entries, cache);
    return entries;
  }

  /**
   * Runs {@code migrate cluster disconnect} for {@code cache}; not connected and no such cache are
   * success, as over REST (304, 404).
   */
  public void disconnect(GridAddress target, String namespace, String service, String cache) {
    PodExec.Result result = runIn(target, namespace, service, "disconnect", cache);
    Optional<String> problem = problem(result.stdout());
    if (problem.isEmpty()) {
      LOG.info("CLI in pod {} disconnected cache '{}'", result.pod(), cache);
    } else if (problem.get().isEmpty()) {
      LOG.info("cache '{}' was not connected (CLI in pod {})", cache, result.pod());
    } else if (problem.get().startsWith("Not Found")) {
      LOG.warn("cache '{}' does not exist on {}: nothing to disconnect", cache, target.describe());
    } else {
      throw failed("migrate cluster disconnect -c " + cache, target, result, problem.get());
    }
  }

  /**
   * The error the CLI printed, or empty when it printed none. In batch mode the CLI exits 0
   * whatever the server answered and prints a failed call as {@code <Reason>: <message>} on stdout
   * (seen on 15.0.21: {@code Error: ISPN000397: ...}, {@code Not Found: ISPN012010: ...}); a REST
   * 304 (not connected) prints {@code Error:} alone, returned here as the empty string.
   */
  static Optional<String> problem(String stdout) {
    for (String line : stdout.split("\\R")) {
      Matcher m = PROBLEM.matcher(line.strip());
      if (m.matches()) {
        String message = m.group(2).strip();
        if (m.group(1).equals("Error")) {
          return Optional.of(message);
        }
        return Optional.of(m.group(1) + ": " + message);
      }
    }
    return Optional.empty();
  }

  private static RuntimeException failed(
      String what, GridAddress target, PodExec.Result result, String problem) {
    return Failures.retryable(
        "'"
            + what
            + "' in pod "
            + result.pod()
            + " of "
            + target.describe()
            + " failed: "
            + (problem.isEmpty() ? "exit " + result.exitCode() + " " + result.output() : problem),
        FailureTypes.INFINISPAN_SERVER_ERROR);
  }

  private PodExec.Result runIn(
      GridAddress target, String namespace, String service, String action, String cache) {
    String what = "migrate cluster " + action + " -c " + cache;
    if (target.hasCredentials() || target.trust() != null) {
      throw Failures.nonRetryable(
          "grid "
              + target.describe()
              + " has no REST "
              + action
              + " for cache '"
              + cache
              + "', and the CLI fallback ("
              + what
              + " in a pod) is not offered for grids with credentials or TLS: the password would"
              + " be on the exec command line. Run it by hand in a target pod, or use a target"
              + " version whose REST API has it (14.0+)",
          FailureTypes.UNSUPPORTED_VERSION);
    }
    if (!PLAIN_NAME.matcher(cache).matches()) {
      throw Failures.nonRetryable(
          "cache '"
              + cache
              + "': the CLI fallback takes only names of letters, digits, '.', '_'"
              + " and '-'; run '"
              + what
              + "' by hand in a target pod",
          FailureTypes.UNSUPPORTED_VERSION);
    }
    PodExec.Result result =
        exec.inServicePod(namespace, service, command(target.port(), what), TIMEOUT);
    if (result.exitCode() != 0) {
      // The CLI could not run or connect at all (its own errors go to stdout with exit 0).
      throw failed(what, target, result, "");
    }
    return result;
  }
}
