package io.gridshift.sandbox.temporal.visibility;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The search attributes the sandbox's visibility knows: the system ones every Temporal server has
 * (answered from each execution's own fields) and the custom ones registered on the test server
 * (its predefined {@code Custom*Field}s plus whatever {@code AddSearchAttributes} added, as {@link
 * SandboxOperatorService} reports them here).
 */
public final class SearchAttributeTypes {
  /** System attributes, as a real server lists them, with their types. */
  static final Map<String, IndexedValueType> SYSTEM;

  static {
    Map<String, IndexedValueType> system = new LinkedHashMap<>();
    for (String keyword :
        new String[] {
          "WorkflowType",
          "WorkflowId",
          "RunId",
          "ExecutionStatus",
          "TaskQueue",
          "ParentWorkflowId",
          "ParentRunId",
          "RootWorkflowId",
          "RootRunId"
        }) {
      system.put(keyword, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    for (String time : new String[] {"StartTime", "CloseTime", "ExecutionTime"}) {
      system.put(time, IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
    }
    system.put("HistoryLength", IndexedValueType.INDEXED_VALUE_TYPE_INT);
    SYSTEM = Collections.unmodifiableMap(system);
  }

  /** The test server's predefined custom attributes (TestVisibilityStoreImpl). */
  private static final Map<String, IndexedValueType> TEST_SERVER_PREDEFINED =
      Map.of(
          "CustomStringField", IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
          "CustomTextField", IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
          "CustomKeywordField", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "CustomIntField", IndexedValueType.INDEXED_VALUE_TYPE_INT,
          "CustomDoubleField", IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
          "CustomBoolField", IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
          "CustomDatetimeField", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
          "TemporalChangeVersion", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST);

  private final Map<String, IndexedValueType> custom = new ConcurrentHashMap<>();

  public SearchAttributeTypes() {
    custom.putAll(TEST_SERVER_PREDEFINED);
  }

  /** Records an attribute the test server accepted. */
  public void added(String name, IndexedValueType type) {
    custom.put(name, type);
  }

  /** Forgets an attribute the test server removed. */
  public void removed(String name) {
    custom.remove(name);
  }

  /** The custom attributes, sorted by name. */
  public Map<String, IndexedValueType> custom() {
    return Collections.unmodifiableMap(new java.util.TreeMap<>(custom));
  }

  /** System and custom attributes together, for GetSearchAttributes. */
  public Map<String, IndexedValueType> all() {
    Map<String, IndexedValueType> all = new LinkedHashMap<>(SYSTEM);
    all.putAll(custom());
    return all;
  }

  /** The type of {@code name}, system or custom; empty when no such attribute exists. */
  public Optional<IndexedValueType> type(String name) {
    IndexedValueType system = SYSTEM.get(name);
    return Optional.ofNullable(system != null ? system : custom.get(name));
  }
}
