package io.gridshift.starter.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.DropwizardLayout;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import java.util.TimeZone;

/**
 * Dropwizard's own text layout under a name, {@code layout: {type: text}}, so that server.yaml can
 * pick its layout from {@code GRIDSHIFT_LOG_FORMAT} ({@code type: ${GRIDSHIFT_LOG_FORMAT:-text}}):
 * Dropwizard names only its JSON layouts ({@code json} from dropwizard-json-logging), and a console
 * appender without a layout is the text one. Registered in {@code
 * META-INF/services/io.dropwizard.logging.common.layout.DiscoverableLayoutFactory}.
 */
@JsonTypeName("text")
public final class TextLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {
  private String pattern;

  /** A logback pattern replacing Dropwizard's default; unset keeps the default. */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  @Override
  public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
    DropwizardLayout layout = new DropwizardLayout(context, timeZone);
    if (pattern != null && !pattern.isBlank()) {
      layout.setPattern(pattern);
    }
    return layout;
  }
}
