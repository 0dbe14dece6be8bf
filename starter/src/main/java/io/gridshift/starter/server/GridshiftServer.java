package io.gridshift.starter.server;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.basic.BasicCredentialAuthFilter;
import io.dropwizard.auth.chained.ChainedAuthFilter;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.gridshift.starter.FleetService;
import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.server.auth.AuthSettings;
import io.gridshift.starter.server.auth.ConfiguredAuthenticators;
import io.gridshift.starter.server.auth.GridshiftUser;
import io.gridshift.starter.server.auth.JsonUnauthorizedHandler;
import io.gridshift.starter.server.codec.CodecEndpoints;
import io.gridshift.starter.server.observability.ServerObservability;
import io.gridshift.starter.server.web.WebProtections;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gridshift REST service ({@code ./gridshift server deploy/server.yaml}): starts, lists,
 * inspects and steers upgrades over a Temporal client, authenticated by HTTP Basic users and bearer
 * tokens from the config file; serves the operations page under {@code /ui/}. Health check {@code
 * temporal} and metrics are on the admin port, with the probes {@code /healthz} and {@code /readyz}
 * and Prometheus text at {@code /prometheus} ({@link ServerObservability}).
 */
public class GridshiftServer extends Application<GridshiftConfiguration> {
  private static final Logger log = LoggerFactory.getLogger(GridshiftServer.class);
  private static final Set<String> COMMANDS = Set.of("server", "check", "-h", "--help", "-v");

  /**
   * Path prefixes whose state-changing calls need not carry the cross-site header because their own
   * filter checks the caller's origin: the remote codec, which the Temporal UI calls from its own
   * origin without our header, and whose CodecCorsFilter refuses every other origin (a cross-site
   * form sends one) before anything is decoded.
   */
  private static final Set<String> CROSS_SITE_EXEMPT = Set.of("codec/");

  /** Runs {@code server CONFIG}; a bare config path means {@code server CONFIG}. */
  public static void main(String[] args) throws Exception {
    String[] command = args;
    if (args.length > 0 && !COMMANDS.contains(args[0])) {
      command = new String[args.length + 1];
      command[0] = "server";
      System.arraycopy(args, 0, command, 1, args.length);
    }
    new GridshiftServer().run(command);
  }

  @Override
  public String getName() {
    return "gridshift";
  }

  @Override
  public void initialize(Bootstrap<GridshiftConfiguration> bootstrap) {
    // Secrets come from the environment; a variable that is not set stops the server (strict).
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
    bootstrap.addBundle(new AssetsBundle("/ui", "/ui", "index.html", "ui"));
  }

  @Override
  public void run(GridshiftConfiguration config, Environment environment) {
    List<String> problems = new ArrayList<>(config.auth().problems());
    problems.addAll(config.approvals().problems());
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "the server config is invalid: " + String.join("; ", problems));
    }
    if (config.auth().users().isEmpty() && config.auth().tokens().isEmpty()) {
      log.warn("no users or tokens in auth: every /api call will be refused with 401");
    }
    TemporalConnection temporal = connect(config);
    environment.lifecycle().manage(temporal);
    TemporalHealthCheck temporalHealth = new TemporalHealthCheck(temporal);
    environment.healthChecks().register("temporal", temporalHealth);
    // TODO(issue 15): the Temporal client's SDK metrics (temporal_request_*) into the registry this
    // returns, once TemporalClients.stubs(access, metricsScope) exists: make the registry before
    // connect(config), and TemporalConnection.open passes TemporalClients.stubs(access,
    // new RootScopeBuilder().reporter(new
    // MicrometerClientStatsReporter(registry)).reportEvery(...)).
    ServerObservability.register(environment, temporalHealth);

    registerAuth(environment, config.auth());
    WebProtections.register(environment, CROSS_SITE_EXEMPT);
    UpgradeService service = new UpgradeService(temporal.client());
    environment.jersey().register(new UpgradesResource(service, config.dryRunTimeout()));
    GateDecisions decisions = new GateDecisions(config.approvals().signer(), Clock.systemUTC());
    if (config.approvals().signing()) {
      log.info("gate decisions are signed for workers in approvals mode signed");
    }
    environment.jersey().register(new UpgradeResource(service, decisions));
    FleetService fleets = new FleetService(temporal.client());
    environment.jersey().register(new FleetsResource(fleets, config.dryRunTimeout()));
    environment.jersey().register(new FleetResource(fleets, decisions));
    environment.jersey().register(new MeResource());
    environment.jersey().register(new RootResource());
    environment.jersey().register(new TemporalGate(temporal));
    ErrorMappers.register(environment.jersey(), temporal.target());
    CodecEndpoints.register(environment, config.temporal().encryption(), config.codec());
  }

  /** The Temporal connection; tests override this to use an in-process server. */
  protected TemporalConnection connect(GridshiftConfiguration config) {
    return TemporalConnection.open(config.temporal());
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void registerAuth(Environment environment, AuthSettings auth) {
    JsonUnauthorizedHandler unauthorized = new JsonUnauthorizedHandler();
    MetricRegistry metrics = environment.metrics();
    AuthFilter<?, GridshiftUser> basic =
        new BasicCredentialAuthFilter.Builder<GridshiftUser>()
            .setAuthenticator(
                ConfiguredAuthenticators.cached(metrics, ConfiguredAuthenticators.basic(auth)))
            .setAuthorizer(ConfiguredAuthenticators.roles())
            .setRealm(auth.realm())
            .setUnauthorizedHandler(unauthorized)
            .buildAuthFilter();
    AuthFilter<?, GridshiftUser> bearer =
        new OAuthCredentialAuthFilter.Builder<GridshiftUser>()
            .setAuthenticator(
                ConfiguredAuthenticators.cached(metrics, ConfiguredAuthenticators.bearer(auth)))
            .setAuthorizer(ConfiguredAuthenticators.roles())
            .setPrefix("Bearer")
            .setRealm(auth.realm())
            .setUnauthorizedHandler(unauthorized)
            .buildAuthFilter();
    // The first filter's refusal is the one answered: Basic's, whose challenge browsers know.
    List<AuthFilter> filters = List.of(basic, bearer);
    environment.jersey().register(new AuthDynamicFeature(new ChainedAuthFilter(filters)));
    environment.jersey().register(RolesAllowedDynamicFeature.class);
    environment.jersey().register(new AuthValueFactoryProvider.Binder<>(GridshiftUser.class));
  }
}
