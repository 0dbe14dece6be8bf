package io.gridshift.starter.server;

import io.dropwizard.lifecycle.Managed;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's Temporal client, closed with the server. The connection is made lazily so that the
 * server starts (and its health check says so) while Temporal is down.
 */
public final class TemporalConnection implements Managed {
  private static final Logger log = LoggerFactory.getLogger(TemporalConnection.class);

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final String target;
  private final boolean owned;

  /**
   * Wraps an existing client; {@code owned} says whether stopping the server shuts its stubs down.
   */
  public TemporalConnection(WorkflowClient client, String target, boolean owned) {
    this.stubs = client.getWorkflowServiceStubs();
    this.client = client;
    this.target = target;
    this.owned = owned;
  }

  /** Connects (lazily) to Temporal as {@code access} says. */
  public static TemporalConnection open(TemporalAccess access) {
    WorkflowServiceStubs stubs = TemporalClients.stubs(access);
    WorkflowClient client = TemporalClients.client(stubs, access, null);
    log.info("Temporal at {}", access.describe());
    return new TemporalConnection(client, access.target(), true);
  }

  public WorkflowClient client() {
    return client;
  }

  public WorkflowServiceStubs stubs() {
    return stubs;
  }

  /** host:port, for messages. */
  public String target() {
    return target;
  }

  @Override
  public void stop() throws InterruptedException {
    if (owned) {
      stubs.shutdown();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
