package io.gridshift.workflows.kinds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import io.gridshift.workflows.approval.Approvals;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflowImpl;
import io.gridshift.workflows.hazelcast.HazelcastKind;
import io.gridshift.workflows.infinispan.InfinispanKind;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registry of grid kinds, which the worker, starter, CLI, REST service, listing and demo all
 * read. The built-in kinds are the list below: adding a kind is one package and one line here. A
 * kind outside this module (the test kind, a kind under development) is found through {@link
 * ServiceLoader} as a {@link Provider} named in {@code
 * META-INF/services/io.gridshift.workflows.kinds.GridKinds$Provider}.
 */
public final class GridKinds {

  /** Supplies a kind that is not built in. */
  public interface Provider {
    GridKind<?> kind();
  }

  private static final List<GridKind<?>> BUILT_IN =
      List.of(InfinispanKind.KIND, HazelcastKind.KIND);

  private static final Map<String, GridKind<?>> ALL = load();

  private GridKinds() {}

  /** Every kind, built-in ones first. */
  public static List<GridKind<?>> all() {
    return List.copyOf(ALL.values());
  }

  /** The kind named {@code name}, if there is one. */
  public static Optional<GridKind<?>> find(String name) {
    return Optional.ofNullable(name == null ? null : ALL.get(name));
  }

  /** The kind named {@code name}; an unknown name is an error listing the kinds. */
  public static GridKind<?> named(String name) {
    return find(name)
        .orElseThrow(
            () -> new IllegalArgumentException("unknown kind '" + name + "'; kinds: " + names()));
  }

  /** The kinds' names, e.g. {@code [infinispan, hazelcast]}. */
  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  /** The kinds' workflow types, e.g. {@code [InfinispanUpgrade, HazelcastUpgrade]}. */
  public static List<String> workflowTypes() {
    return ALL.values().stream().map(GridKind::workflowType).toList();
  }

  /**
   * Registers every kind's workflow on {@code worker}, each told what the worker offers, and the
   * fleet workflow, which starts them as children.
   */
  public static void registerWorkflows(Worker worker, VisibilityOptions offered) {
    registerWorkflows(worker, offered, Approvals.OPEN);
  }

  /**
   * As {@link #registerWorkflows(Worker, VisibilityOptions)}, every workflow's gate decisions
   * following {@code approvals} (open or signed, four-eyes forced or not): the factories hand it to
   * each instance, so the keys stay in this process and never enter a workflow's input.
   */
  public static void registerWorkflows(
      Worker worker, VisibilityOptions offered, Approvals approvals) {
    for (GridKind<?> kind : ALL.values()) {
      register(worker, kind, offered, approvals);
    }
    FleetUpgradeWorkflowImpl.register(worker, offered, approvals);
  }

  private static <W> void register(
      Worker worker, GridKind<W> kind, VisibilityOptions offered, Approvals approvals) {
    worker.registerWorkflowImplementationFactory(
        kind.workflowInterface(),
        () -> approvals.applyTo(kind.implementation().apply(offered)),
        workflowOptions());
  }

  /**
   * How every gridshift workflow is registered: input the worker cannot read as its request ({@link
   * UnreadableInputException}) fails the workflow at once with the problems, where any other
   * exception would fail only the workflow task, retried forever.
   */
  public static WorkflowImplementationOptions workflowOptions() {
    return WorkflowImplementationOptions.newBuilder()
        .setFailWorkflowExceptionTypes(UnreadableInputException.class)
        .build();
  }

  /**
   * Teaches {@code mapper} every kind's request and details records, so that a request's or a
   * status's {@code kind} picks the record (the built-in ones are known from annotations).
   */
  public static ObjectMapper registerWith(ObjectMapper mapper) {
    for (GridKind<?> kind : ALL.values()) {
      mapper.registerSubtypes(new NamedType(kind.requestClass(), kind.name()));
      mapper.registerSubtypes(new NamedType(kind.detailsClass(), kind.name()));
    }
    return mapper;
  }

  /**
   * Temporal's default data converter with every kind registered ({@link #registerWith}): what
   * every gridshift client and worker uses, so that a plugged kind's status reads back typed.
   */
  public static DataConverter dataConverter() {
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(
            new RequestPayloadConverter(
                registerWith(JacksonJsonPayloadConverter.newDefaultObjectMapper())))
        .withFailureConverter(new InvalidInputFailures());
  }

  private static Map<String, GridKind<?>> load() {
    List<GridKind<?>> kinds = new ArrayList<>(BUILT_IN);
    ServiceLoader.load(Provider.class).forEach(p -> kinds.add(p.kind()));
    Map<String, GridKind<?>> byName = new LinkedHashMap<>();
    for (GridKind<?> kind : kinds) {
      GridKind<?> before = byName.putIfAbsent(kind.name(), kind);
      if (before != null) {
        throw new IllegalStateException(
            "two grid kinds are named '"
                + kind.name()
                + "': "
                + before.workflowInterface().getName()
                + " and "
                + kind.workflowInterface().getName());
      }
    }
    return byName;
  }
}
