package io.gridshift.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The switch as a process meets it: a child JVM with {@code GRIDSHIFT_LOG_FORMAT=json} in its
 * environment and a configuration that names the encoder writes JSON (and nothing of logback's own
 * start-up status).
 */
class LogFormatFromEnvironmentTest {

  @Test
  void aChildJvmWithTheVariableSetWritesJson() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-Dlogback.configurationFile=gridshift-logging-test-child.xml",
                    LogOneLine.class.getName()))
            .redirectErrorStream(true);
    builder.environment().put(LogFormat.VARIABLE, "json");
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(output.lines().toList()).as(output).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(output.lines().findFirst().orElseThrow());
    assertThat(line.get("formattedMessage").asText()).isEqualTo("one line from the child");
    assertThat(line.get("mdc").get("cluster").asText()).isEqualTo("prod-eu-1");
  }
}
