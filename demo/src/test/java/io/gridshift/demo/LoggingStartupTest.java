package io.gridshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logback's own start-up status ({@code 12:00:00,000 |-INFO in ch.qos.logback...}, about 30 lines)
 * never reaches the terminal of a process on the demo's class path, which holds the worker's and
 * the starter's jars together (as the image does): logback prints it only when configuring warns,
 * and two {@code logback.xml} on one class path was such a warning. An error in the configuration
 * is still printed. Child JVMs on the main class path (no test resources, so no logback-test.xml).
 */
class LoggingStartupTest {
  private static final String STATUS = "|-";

  @TempDir Path dir;

  @Test
  void theDemosConfigurationStartsSilentlyAndLogsToItsFile() throws Exception {
    Path log = dir.resolve("demo.log");

    String terminal =
        run(
            Map.of(),
            "-Dlogback.configurationFile=gridshift-demo-logback.xml",
            "-Dgridshift.log=" + log);

    assertThat(terminal).doesNotContain(STATUS).isEmpty();
    assertThat(Files.readString(log)).contains("INFO  [main] io.gridshift.demo - demo started");
  }

  @Test
  void withoutAConfigurationFileTheClassPathHasOneConfigurationAndStartsSilently()
      throws Exception {
    String terminal = run(Map.of());

    assertThat(terminal).doesNotContain(STATUS).contains("demo started");
  }

  @Test
  void aMisspeltLogFormatIsStillPrintedWithLogbacksStatus() throws Exception {
    String terminal = run(Map.of("GRIDSHIFT_LOG_FORMAT", "jsno"));

    assertThat(terminal)
        .contains(STATUS)
        .contains("GRIDSHIFT_LOG_FORMAT='jsno' is not a log format")
        .contains("demo started");
  }

  /** Stdout and stderr of {@link LogAtStart} run with {@code properties} and {@code env}. */
  private String run(Map<String, String> env, String... properties) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(properties));
    command.addAll(List.of("-cp", mainClassPath(), LogAtStart.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("GRIDSHIFT_LOG_FORMAT");
    builder.environment().putAll(env);
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
    return output;
  }

  /**
   * This test's class path without test resources (logback-test.xml), plus its own test classes for
   * {@link LogAtStart}: a class path like the demo's and the image's.
   */
  private String mainClassPath() throws Exception {
    Path testClasses =
        Path.of(LogAtStart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String file = "io/gridshift/demo/LogAtStart.class";
    Path main = dir.resolve("classes");
    Files.createDirectories(main.resolve(file).getParent());
    Files.copy(testClasses.resolve(file), main.resolve(file));
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
            .collect(Collectors.joining(File.pathSeparator))
        + File.pathSeparator
        + main;
  }
}
