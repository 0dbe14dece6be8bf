package io.gridshift.logging;

import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The child JVM of {@link LogFormatFromEnvironmentTest}: one line, with one MDC key. */
public final class LogOneLine {
  public static void main(String[] args) {
    MDC.put("cluster", "prod-eu-1");
    LoggerFactory.getLogger(LogOneLine.class).info("one line from the child");
  }
}
