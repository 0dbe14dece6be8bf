package io.gridshift.sandbox.process;

/**
 * The logging configuration of the processes the sandbox and the demos start (the sandbox itself,
 * agents, the chaos benchmark's worker): INFO on gridshift's own loggers, libraries at WARN, on the
 * console that the launcher redirects to the process's log file, whatever logging configuration the
 * class path carries (a test's is quieter).
 */
public final class ChildLogging {
  public static final String LOGBACK =
      """
      <configuration>
        <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder>
            <pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} %X - %msg%n</pattern>
          </encoder>
        </appender>
        <logger name="io.temporal" level="WARN"/>
        <logger name="io.grpc" level="WARN"/>
        <logger name="io.fabric8" level="WARN"/>
        <logger name="okhttp3" level="WARN"/>
        <logger name="org.infinispan" level="WARN"/>
        <logger name="com.hazelcast" level="WARN"/>
        <root level="INFO">
          <appender-ref ref="OUT"/>
        </root>
      </configuration>
      """;

  private ChildLogging() {}
}
