package io.gridshift.image;

import io.gridshift.starter.cli.GridshiftCli;
import io.gridshift.starter.logging.CliLogbackConfigurator;
import io.gridshift.starter.server.GridshiftServer;
import io.gridshift.starter.server.auth.HashPasswordMain;
import io.gridshift.worker.AgentMain;
import io.gridshift.worker.WorkerMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;

/**
 * The container image's one entrypoint. The first argument picks the role, as the {@code
 * ./gridshift} launcher's verbs do: {@code worker --config F}, {@code agent --config F}, {@code
 * server F}, {@code hash-password}, {@code --version}; anything else goes to the CLI unchanged, so
 * the CLI answers unknown verbs and {@code --help} itself.
 *
 * <p>The image holds the worker and the starter on one classpath. The one {@code logback.xml} on it
 * is the worker's (INFO; the REST service replaces it with its server.yaml's logging); the CLI and
 * hash-password name the CLI's quieter file (warnings only), which the launcher's starter classpath
 * finds by itself ({@code CliLogbackConfigurator}) but this classpath would shadow with the
 * worker's. A user's own {@code -Dlogback.configurationFile} (e.g. in {@code JAVA_TOOL_OPTIONS})
 * wins.
 */
public final class GridshiftMain {
  private static final String LOGBACK_CONFIG = "logback.configurationFile";

  private GridshiftMain() {}

  public static void main(String[] args) throws Exception {
    Role role = Role.of(args);
    if (role == Role.VERSION) {
      System.out.println("gridshift " + version());
      return;
    }
    if (System.getProperty(LOGBACK_CONFIG) == null && role.logbackConfig != null) {
      System.setProperty(LOGBACK_CONFIG, role.logbackConfig);
    }
    role.entry.main(role.arguments(args));
  }

  /** The project version the image was built from (a resource filtered by Maven). */
  static String version() {
    Properties properties = new Properties();
    try (InputStream in = GridshiftMain.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from gridshift-image");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  /** A role's main method. */
  @FunctionalInterface
  interface Entry {
    void main(String[] args) throws Exception;
  }

  /** What the first argument selects. */
  enum Role {
    WORKER("worker", null, WorkerMain::main),
    AGENT("agent", null, AgentMain::main),
    SERVER("server", null, GridshiftServer::main),
    HASH_PASSWORD("hash-password", CliLogbackConfigurator.RESOURCE, HashPasswordMain::main),
    VERSION("--version", null, args -> {}),
    /** Everything else, including no argument at all: the CLI sees every argument. */
    CLI(null, CliLogbackConfigurator.RESOURCE, GridshiftCli::main);

    private final String verb;

    /** The logback configuration (a classpath resource) the role names; null: logback.xml. */
    final String logbackConfig;

    private final Entry entry;

    Role(String verb, String logbackConfig, Entry entry) {
      this.verb = verb;
      this.logbackConfig = logbackConfig;
      this.entry = entry;
    }

    static Role of(String[] args) {
      if (args.length == 0) {
        return CLI;
      }
      return Arrays.stream(values())
          .filter(role -> args[0].equals(role.verb))
          .findFirst()
          .orElse(CLI);
    }

    /** The arguments the role's main method gets: all but the verb that selected it. */
    String[] arguments(String[] args) {
      return verb == null ? args : Arrays.copyOfRange(args, 1, args.length);
    }
  }
}
