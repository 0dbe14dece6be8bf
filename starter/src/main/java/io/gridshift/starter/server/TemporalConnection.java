package io.gridshift.starter.server;

import io.dropwizard.lifecycle.Managed;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.gridshift.workflows.client.TemporalConnectionCheck;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's Temporal client, closed with the server. The connection is made lazily so that the
 * server starts (and its health check says so) while Temporal is down; a TLS or credentials file
 * that cannot be read stops the server at start, and a refused handshake is logged at start and
 * said by the health check and by every API call ({@link TemporalGate}).
 */
public final class TemporalConnection implements Managed {
  private static final Logger log = LoggerFactory.getLogger(TemporalConnection.class);

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final TemporalAccess access;
  private final boolean owned;

  /**
   * Wraps an existing client; {@code owned} says whether stopping the server shuts its stubs down.
   */
  public TemporalConnection(WorkflowClient client, String target, boolean owned) {
    this(client, TemporalAccess.plain(null).withTarget(target), owned);
  }

  private TemporalConnection(WorkflowClient client, TemporalAccess access, boolean owned) {
    this.stubs = client.getWorkflowServiceStubs();
    this.client = client;
    this.access = access;
    this.owned = owned;
  }

  /**
   * Connects (lazily) to Temporal as {@code access} says, and asks it once so that the log says at
   * start whether it answers, and if TLS or credentials refuse, why.
   *
   * @throws IllegalArgumentException when a TLS or API key file is missing or malformed
   */
  public static TemporalConnection open(TemporalAccess access) {
    WorkflowServiceStubs stubs = TemporalClients.stubs(access);
    WorkflowClient client = TemporalClients.client(stubs, access, null);
    log.info("Temporal at {}", access.describe());
    TemporalConnectionCheck.Answer answer = TemporalConnectionCheck.ask(stubs, access);
    if (answer.security()) {
      log.error(
          "{}; the server runs, but every call will fail until this is fixed", answer.problem());
    } else if (!answer.answered()) {
      log.warn("Temporal at {} does not answer yet ({})", access.target(), answer.problem());
    }
    return new TemporalConnection(client, access, true);
  }

  public WorkflowClient client() {
    return client;
  }

  public WorkflowServiceStubs stubs() {
    return stubs;
  }

  /** host:port, for messages. */
  public String target() {
    return access.target();
  }

  /** How this connection reaches Temporal (its TLS and credentials explain refusals). */
  public TemporalAccess access() {
    return access;
  }

  @Override
  public void stop() throws InterruptedException {
    if (owned) {
      stubs.shutdown();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
