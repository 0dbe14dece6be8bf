package io.gridshift.starter.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.net.URL;

/**
 * Configures logback from {@value #RESOURCE} (the CLI's: warnings only, on stderr) when the class
 * path has no configuration of its own, so that only one configuration is ever found: the starter's
 * jar no longer carries a {@code logback.xml} that would collide with the worker's on a class path
 * holding both (the demo, the image), which made logback warn and print its whole start-up status
 * on the terminal.
 *
 * <ol>
 *   <li>{@code -Dlogback.configurationFile}, a {@code logback-test.xml} or a {@code logback.xml} on
 *       the class path: do nothing, logback's own lookup takes it.
 *   <li>Otherwise: {@value #RESOURCE}.
 * </ol>
 *
 * Registered in {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}.
 */
public final class CliLogbackConfigurator extends ContextAwareBase implements Configurator {
  /** The CLI's logging configuration, in the starter's jar. */
  public static final String RESOURCE = "gridshift-cli-logback.xml";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = getClass().getClassLoader();
    URL cli = loader.getResource(RESOURCE);
    if (System.getProperty("logback.configurationFile") != null
        || loader.getResource("logback-test.xml") != null
        || loader.getResource("logback.xml") != null
        || cli == null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    try {
      joran.doConfigure(cli);
    } catch (JoranException e) {
      // Recorded as an error status, which logback prints after configuring.
      addError("configuring logging from " + cli + " failed", e);
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
