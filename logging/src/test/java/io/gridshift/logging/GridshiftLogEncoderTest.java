package io.gridshift.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class GridshiftLogEncoderTest {
  private final LoggerContext context = new LoggerContext();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void jsonWritesOneObjectPerLineWithTheMdcAndTheFormattedMessage() throws Exception {
    Logger log = logger("json");
    MDC.put("workflowId", "upgrade-dg-1");
    try {
      log.info("rolled {} of {} pods", 2, 3);
    } finally {
      MDC.remove("workflowId");
    }
    log.warn("second line", new IllegalStateException("boom"));

    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines[0]);
    assertThat(first.get("level").asText()).isEqualTo("INFO");
    assertThat(first.get("loggerName").asText()).isEqualTo("io.gridshift.test");
    assertThat(first.get("formattedMessage").asText()).isEqualTo("rolled 2 of 3 pods");
    assertThat(first.get("mdc").get("workflowId").asText()).isEqualTo("upgrade-dg-1");
    assertThat(first.has("arguments")).as("the message is formatted once").isFalse();
    JsonNode second = new ObjectMapper().readTree(lines[1]);
    assertThat(second.get("throwable").get("message").asText()).isEqualTo("boom");
  }

  @Test
  void textUsesTheConfiguredPattern() {
    logger("TEXT").info("hello {}", "world");

    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("INFO io.gridshift.test hello world\n");
  }

  @Test
  void anUnknownFormatIsAConfigurationErrorThatNamesItAndTheProcessStillLogsText() {
    logger("yaml").info("still here");

    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("INFO io.gridshift.test still here\n");
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .filteredOn(s -> s.getLevel() == Status.ERROR)
        .extracting(Status::getMessage)
        .containsExactly(
            "GRIDSHIFT_LOG_FORMAT='yaml' is not a log format: set it to json or text (the default),"
                + " or unset it; writing text");
  }

  private Logger logger(String format) {
    // The MDC that org.slf4j.MDC writes: the one the process's own context reads.
    context.setMDCAdapter(MDC.getMDCAdapter());
    GridshiftLogEncoder encoder = new GridshiftLogEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %logger %msg%n");
    encoder.setFormat(format);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    Logger logger = context.getLogger("io.gridshift.test");
    logger.addAppender(appender);
    return logger;
  }
}
