package io.gridshift.image;

import io.gridshift.starter.cli.GridshiftCli;
import io.gridshift.starter.server.GridshiftServer;
import io.gridshift.starter.server.auth.HashPasswordMain;
import io.gridshift.worker.AgentMain;
import io.gridshift.worker.WorkerMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/**
 * The container image's one entrypoint. The first argument picks the role, as the {@code
 * ./gridshift} launcher's verbs do: {@code worker --config F}, {@code agent --config F}, {@code
 * server F}, {@code hash-password}, {@code --version}; anything else goes to the CLI unchanged, so
 * the CLI answers unknown verbs and {@code --help} itself.
 *
 * <p>The image holds the worker and the starter on one classpath, and each has its own {@code
 * logback.xml} (the worker logs at INFO, the CLI only warnings). The launcher runs each role with
 * only its module on the classpath; here the role names its module's file explicitly, unless the
 * user chose one with {@code -Dlogback.configurationFile} (e.g. in {@code JAVA_TOOL_OPTIONS}).
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
    if (System.getProperty(LOGBACK_CONFIG) == null) {
      System.setProperty(LOGBACK_CONFIG, role.logbackConfig());
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
    WORKER("worker", WorkerMain.class, WorkerMain::main),
    AGENT("agent", AgentMain.class, AgentMain::main),
    SERVER("server", GridshiftServer.class, GridshiftServer::main),
    HASH_PASSWORD("hash-password", HashPasswordMain.class, HashPasswordMain::main),
    VERSION("--version", GridshiftMain.class, args -> {}),
    /** Everything else, including no argument at all: the CLI sees every argument. */
    CLI(null, GridshiftCli.class, GridshiftCli::main);

    private final String verb;
    private final Class<?> module;
    private final Entry entry;

    Role(String verb, Class<?> module, Entry entry) {
      this.verb = verb;
      this.module = module;
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

    /**
     * The URL of {@code logback.xml} in the jar (or classes folder) that holds this role's main
     * class: the file the launcher's classpath for that module would find.
     */
    String logbackConfig() {
      try {
        Path location = Path.of(module.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
          return location.resolve("logback.xml").toUri().toString();
        }
        return "jar:" + location.toUri() + "!/logback.xml";
      } catch (URISyntaxException e) {
        throw new IllegalStateException("cannot locate the jar of " + module.getName(), e);
      }
    }
  }
}
