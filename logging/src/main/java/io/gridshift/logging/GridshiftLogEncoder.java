package io.gridshift.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * The encoder of every gridshift logback configuration: text with the configuration's {@code
 * <pattern>}, or, when {@code GRIDSHIFT_LOG_FORMAT=json}, logback's own {@link JsonEncoder} (one
 * object a line: {@code timestamp} in epoch milliseconds, {@code level}, {@code threadName}, {@code
 * loggerName}, {@code mdc} with {@code workflowId}, {@code runId}, {@code grid}, {@code cluster},
 * {@code step} while an upgrade's task runs, {@code formattedMessage}, and {@code throwable}).
 *
 * <p>One class rather than two appenders picked by a variable: logback without janino has no {@code
 * <if>}, an appender left unreferenced makes it warn (and print its whole start-up status), and a
 * misspelt value must not silence the process. A value that is neither {@code text} nor {@code
 * json} is reported as a configuration error, which logback prints, and the process logs text.
 *
 * <pre>{@code
 * <encoder class="io.gridshift.logging.GridshiftLogEncoder">
 *   <pattern>%d{HH:mm:ss.SSS} %-5level %logger{24} %X - %msg%n</pattern>
 * </encoder>
 * }</pre>
 */
public final class GridshiftLogEncoder extends EncoderBase<ILoggingEvent> {
  private String pattern = "%-5level %logger{24} %X - %msg%n";
  private String format;
  private Encoder<ILoggingEvent> delegate;

  /** The text format's layout (logback pattern syntax). */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  /**
   * The format, overriding {@code GRIDSHIFT_LOG_FORMAT} (for tests and for a configuration that
   * must always write one format).
   */
  public void setFormat(String format) {
    this.format = format;
  }

  /** The format in use once started. */
  public LogFormat format() {
    return delegate instanceof JsonEncoder ? LogFormat.JSON : LogFormat.TEXT;
  }

  @Override
  public void start() {
    LogFormat chosen;
    try {
      chosen = LogFormat.parse(format != null ? format : System.getenv(LogFormat.VARIABLE));
    } catch (IllegalArgumentException e) {
      addError(e.getMessage() + "; writing text");
      chosen = LogFormat.TEXT;
    }
    delegate = chosen == LogFormat.JSON ? json() : text();
    delegate.setContext(getContext());
    delegate.start();
    super.start();
  }

  private Encoder<ILoggingEvent> text() {
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setPattern(pattern);
    return text;
  }

  /**
   * Logback's encoder, trimmed to what a reader searches: the message formatted once (not the
   * template and its arguments apart), without the logger context, sequence numbers and nanos.
   */
  private static Encoder<ILoggingEvent> json() {
    JsonEncoder json = new JsonEncoder();
    json.setWithFormattedMessage(true);
    json.setWithMessage(false);
    json.setWithArguments(false);
    json.setWithContext(false);
    json.setWithSequenceNumber(false);
    json.setWithNanoseconds(false);
    return json;
  }

  @Override
  public void stop() {
    if (delegate != null) {
      delegate.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate.encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return delegate.footerBytes();
  }
}
