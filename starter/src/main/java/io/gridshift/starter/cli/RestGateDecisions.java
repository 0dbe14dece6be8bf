package io.gridshift.starter.cli;

import io.gridshift.workflows.common.AuditEntry;
import java.net.URI;
import java.util.Map;

/**
 * Gate decisions through the REST service exactly as {@code ./gridshift --server URL approve} sends
 * them (the same client, credentials and headers), for programs that decide gates on a person's
 * behalf: the secure demo's {@code --yes}. Under signed approvals this is the only way a decision
 * is accepted, since the service signs it for the user it authenticated.
 */
public final class RestGateDecisions {
  private final URI server;
  private final Map<String, String> credentials;

  /**
   * @param server the REST service's base URL
   * @param credentials {@code GRIDSHIFT_USER} and {@code GRIDSHIFT_PASSWORD} (or {@code
   *     GRIDSHIFT_TOKEN}), as the CLI reads them from the environment
   */
  public RestGateDecisions(URI server, Map<String, String> credentials) {
    this.server = server;
    this.credentials = Map.copyOf(credentials);
  }

  /**
   * Approves ({@code approve}) or rejects the open gate; returns the audit entry the upgrade
   * recorded. A refusal is a RuntimeException whose message is the service's reason.
   */
  public AuditEntry decide(String workflowId, String gate, boolean approve, String comment) {
    try (RestClient client = new RestClient(server, RestCredentials.from(credentials))) {
      return client.decide(workflowId, gate, approve, comment);
    }
  }
}
