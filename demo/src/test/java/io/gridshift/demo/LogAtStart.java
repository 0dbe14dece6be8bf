package io.gridshift.demo;

import org.slf4j.LoggerFactory;

/** The child JVM of {@link LoggingStartupTest}: starts logging the way any main does. */
public final class LogAtStart {
  public static void main(String[] args) {
    LoggerFactory.getLogger("io.gridshift.demo").info("demo started");
  }
}
