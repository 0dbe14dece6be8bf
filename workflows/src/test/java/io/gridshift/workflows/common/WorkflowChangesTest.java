package io.gridshift.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Workflow.getVersion call names its change id from {@link WorkflowChanges}. */
class WorkflowChangesTest {
  private static final Pattern CALL = Pattern.compile("Workflow\\.getVersion\\(\\s*([^,]+),");

  @Test
  void everyGetVersionCallNamesAChangeDeclaredInOnePlace() throws IOException {
    List<String> strays = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = CALL.matcher(Files.readString(file));
        while (m.find()) {
          if (!m.group(1).trim().startsWith("WorkflowChanges.")) {
            strays.add(file.getFileName() + ": getVersion(" + m.group(1).trim() + ", ...)");
          }
        }
      }
    }
    assertThat(strays).as("change ids not declared in WorkflowChanges").isEmpty();
    assertThat(WorkflowChanges.ALL).doesNotHaveDuplicates();
  }
}
