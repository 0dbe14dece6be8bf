package io.gridshift.worker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The MDC fields of a log line written while an upgrade's task runs (the log contract: {@code
 * workflowId}, {@code runId}, {@code grid}, {@code cluster}, {@code step}), set for the length of
 * one task and then put back as they were: worker threads are pooled, and a field left behind would
 * label the next task's lines with another upgrade.
 */
final class LogFields {
  static final String WORKFLOW_ID = "workflowId";
  static final String RUN_ID = "runId";
  static final String GRID = "grid";
  static final String CLUSTER = "cluster";
  static final String STEP = "step";

  /** Every field, in the order a reader scans them. */
  static final List<String> ALL = List.of(WORKFLOW_ID, RUN_ID, GRID, CLUSTER, STEP);

  /** What {@link #set} replaced; {@link #close()} puts it back. */
  static final class Scope implements AutoCloseable {
    private final Map<String, String> previous;

    private Scope(Map<String, String> previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      previous.forEach(LogFields::put);
    }
  }

  /**
   * Sets every field of {@link #ALL} to its value in {@code values} (absent or null: removed) on
   * this thread, until the returned scope closes.
   */
  static Scope set(Map<String, String> values) {
    Map<String, String> previous = new HashMap<>();
    for (String field : ALL) {
      previous.put(field, MDC.get(field));
      put(field, values.get(field));
    }
    return new Scope(previous);
  }

  /** This thread's current fields (absent ones left out). */
  static Map<String, String> current() {
    Map<String, String> current = new HashMap<>();
    for (String field : ALL) {
      String value = MDC.get(field);
      if (value != null) {
        current.put(field, value);
      }
    }
    return current;
  }

  private static void put(String field, String value) {
    if (value == null) {
      MDC.remove(field);
    } else {
      MDC.put(field, value);
    }
  }

  private LogFields() {}
}
