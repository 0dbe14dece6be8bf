package io.gridshift.demo;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The commands the demo prints for a person to paste into another terminal, as they are: the real
 * workflow id, the real gate and a real name (the user running the demo), never a placeholder. The
 * CLI's Temporal address is added only when the sandbox does not listen on the CLI's default. The
 * secure demo's commands go through the REST service instead, as its approver (signed approvals
 * accept nothing else), reading the password from the file the demo wrote.
 */
public final class DemoCommands {
  public static final String CLI_DEFAULT_TEMPORAL = "127.0.0.1:7233";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._@:/+=-]+");

  private final String temporalTarget;
  private final String user;
  private final String serverPrefix;

  public DemoCommands(String temporalTarget, String user) {
    this.temporalTarget = temporalTarget;
    this.user = user == null || user.isBlank() ? "demo-user" : user;
    this.serverPrefix = null;
  }

  private DemoCommands(URI server, String user, Path passwordFile) {
    this.temporalTarget = null;
    this.user = user;
    this.serverPrefix =
        "GRIDSHIFT_SERVER="
            + quote(server.toString())
            + " GRIDSHIFT_USER="
            + quote(user)
            + " GRIDSHIFT_PASSWORD=\"$(cat "
            + quote(passwordFile.toString())
            + ")\" ";
  }

  /** Commands that act through the REST service at {@code server} as {@code user}. */
  public static DemoCommands throughServer(URI server, String user, Path passwordFile) {
    return new DemoCommands(server, user, passwordFile);
  }

  /** For the person running the demo: {@code $USER}, else the JVM's user name. */
  public static DemoCommands forCurrentUser(String temporalTarget) {
    String user = System.getenv("USER");
    return new DemoCommands(
        temporalTarget, user == null || user.isBlank() ? System.getProperty("user.name") : user);
  }

  /** The name the commands act as. */
  public String user() {
    return user;
  }

  /** {@code ./gridshift approve|reject <id> <gate> --by <user>}. */
  String decide(String verb, String workflowId, String gate) {
    return cli() + verb + " " + quote(workflowId) + " " + quote(gate) + options();
  }

  /** {@code ./gridshift pause|resume|abort <id> --by <user>}. */
  String control(String verb, String workflowId) {
    return cli() + verb + " " + quote(workflowId) + options();
  }

  /** {@code ./gridshift fleet approve|reject <fleet-id> <gate> --by <user>}. */
  public String fleetDecide(String verb, String fleetId, String gate) {
    return cli() + "fleet " + verb + " " + quote(fleetId) + " " + quote(gate) + options();
  }

  /** {@code ./gridshift fleet status <fleet-id>}. */
  public String fleetStatus(String fleetId) {
    return cli() + "fleet status " + quote(fleetId) + temporal();
  }

  /** {@code ./gridshift status <id>}. */
  String status(String workflowId) {
    return cli() + "status " + quote(workflowId) + temporal();
  }

  private String cli() {
    return (serverPrefix == null ? "" : serverPrefix) + "./gridshift ";
  }

  private String options() {
    return serverPrefix != null ? "" : " --by " + quote(user) + temporal();
  }

  private String temporal() {
    return serverPrefix != null
            || temporalTarget == null
            || temporalTarget.equals(CLI_DEFAULT_TEMPORAL)
        ? ""
        : " --temporal " + quote(temporalTarget);
  }

  /** The word as the shell must see it: as is when plain, else single-quoted. */
  static String quote(String word) {
    return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
