package io.gridshift.starter.server;

import static io.gridshift.starter.server.DeployServerConfigTest.BCRYPT;
import static io.gridshift.starter.server.DeployServerConfigTest.SHA256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import io.gridshift.starter.logging.TextLayoutFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * The REST service's log format from {@code GRIDSHIFT_LOG_FORMAT}, through the shipped {@code
 * deploy/server.yaml}: the layout its console appender gets, built and made to write a line (on a
 * context of its own, so the test JVM's logging is left alone).
 */
class ServerLogFormatTest {

  @Test
  void jsonWritesOneJsonObjectALine() throws Exception {
    LayoutBase<ILoggingEvent> layout = layout(Map.of("GRIDSHIFT_LOG_FORMAT", "json"));

    JsonNode line = new ObjectMapper().readTree(layout.doLayout(event()));
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("logger").asText()).isEqualTo("io.gridshift.starter");
    assertThat(line.get("message").asText()).isEqualTo("started upgrade-dg-1");
  }

  @Test
  void theClusterCopyWritesJsonAsItsDeploymentAsks() throws Exception {
    // What deploy/overlays/central/server-deployment.yaml sets.
    Map<String, String> env =
        Map.of(
            "GRIDSHIFT_LOG_FORMAT", "json",
            "TEMPORAL_ADDRESS", "temporal-frontend.temporal.svc:7233",
            "TEMPORAL_NAMESPACE", "upgrades",
            "GRIDSHIFT_TEMPORAL_UI_ORIGIN", "https://temporal.example.internal");

    assertThat(consoleLayout("../deploy/overlays/central/server.yaml", env))
        .isInstanceOf(EventJsonLayoutBaseFactory.class);
  }

  @Test
  void unsetIsDropwizardsText() throws Exception {
    DiscoverableLayoutFactory<?> factory = consoleLayout(Map.of());
    assertThat(factory).isInstanceOf(TextLayoutFactory.class);

    LayoutBase<ILoggingEvent> layout = layout(Map.of());
    assertThat(layout.doLayout(event())).contains("INFO  [").contains("started upgrade-dg-1");
  }

  @Test
  void anUnknownFormatStopsTheServerNamingTheFormatsItKnows() {
    assertThatThrownBy(() -> consoleLayout(Map.of("GRIDSHIFT_LOG_FORMAT", "yaml")))
        .hasMessageContaining("yaml")
        .hasMessageContaining("json")
        .hasMessageContaining("text");
  }

  @SuppressWarnings("unchecked")
  private static LayoutBase<ILoggingEvent> layout(Map<String, String> env) throws Exception {
    LayoutBase<ILoggingEvent> layout =
        ((DiscoverableLayoutFactory<ILoggingEvent>) consoleLayout(env))
            .build(new LoggerContext(), TimeZone.getTimeZone("UTC"));
    layout.start();
    return layout;
  }

  private static DiscoverableLayoutFactory<?> consoleLayout(Map<String, String> env)
      throws Exception {
    return consoleLayout("../deploy/server.yaml", env);
  }

  private static DiscoverableLayoutFactory<?> consoleLayout(String file, Map<String, String> env)
      throws Exception {
    Map<String, String> variables =
        new HashMap<>(DeployServerConfigTest.credentials(BCRYPT, SHA256));
    variables.putAll(env);
    DefaultLoggingFactory logging =
        (DefaultLoggingFactory) DeployServerConfigTest.load(file, variables).getLoggingFactory();
    return ((ConsoleAppenderFactory<?>) logging.getAppenders().get(0)).getLayout();
  }

  private static ILoggingEvent event() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    return new LoggingEvent(
        ServerLogFormatTest.class.getName(),
        context.getLogger("io.gridshift.starter"),
        Level.INFO,
        "started {}",
        null,
        new Object[] {"upgrade-dg-1"});
  }
}
