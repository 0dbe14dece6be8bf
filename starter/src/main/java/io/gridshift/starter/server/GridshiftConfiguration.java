package io.gridshift.starter.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.Duration;
import io.gridshift.starter.server.auth.AuthSettings;
import io.gridshift.workflows.client.TemporalAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The REST service's config file (see {@code deploy/server.yaml}): Dropwizard's {@code server} and
 * {@code logging} sections, plus {@code temporal}, {@code auth} and {@code dryRunTimeout}. {@code
 * ${VAR}} is replaced by the environment variable VAR (an unset one stops the server).
 */
public class GridshiftConfiguration extends Configuration {
  @NotNull @JsonProperty private TemporalAccess temporal = TemporalAccess.plain(null);

  @Valid @NotNull @JsonProperty private AuthSettings auth = new AuthSettings();

  /** How long {@code POST /api/upgrades?dryRun=true} waits for the plan. */
  @NotNull @JsonProperty private Duration dryRunTimeout = Duration.seconds(90);

  /** How to reach Temporal (target, namespace, TLS, API key, payload encryption). */
  public TemporalAccess temporal() {
    return temporal;
  }

  public AuthSettings auth() {
    return auth;
  }

  public java.time.Duration dryRunTimeout() {
    return dryRunTimeout.toJavaDuration();
  }
}
