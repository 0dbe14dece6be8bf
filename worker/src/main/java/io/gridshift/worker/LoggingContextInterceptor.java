package io.gridshift.worker;

import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.request.UpgradeRequest;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * Labels every log line written while an upgrade's workflow task or activity runs with the {@link
 * LogFields}, so that a log collector finds an upgrade's lines by workflow id, grid, cluster or
 * step. The Temporal SDK's own MDC keys ({@code WorkflowId}, {@code ActivityType}, ...) stay; these
 * are the names gridshift's log contract promises.
 *
 * <ol>
 *   <li>Workflow: {@code workflowId} and {@code runId} from the workflow's info; {@code grid} and
 *       {@code cluster} from its argument when it is an {@link UpgradeRequest} (a fleet has
 *       neither); {@code step} is the step the workflow is running (its step tracker sets it). The
 *       same fields on the workflow's other threads (handlers, async branches).
 *   <li>Each activity the workflow schedules carries the workflow thread's fields in the header
 *       {@value #HEADER}: the agent that runs it has no other way to know the grid or the step.
 *   <li>Activity: {@code workflowId} and {@code runId} from the activity's info; {@code cluster}
 *       from its task queue ({@code gridshift-cluster-<name>}), else the header; {@code grid} from
 *       the header; {@code step} from the header, else the activity type.
 *   <li>Every field is put back as it was when the task ends ({@link LogFields.Scope}).
 * </ol>
 */
public final class LoggingContextInterceptor extends WorkerInterceptorBase {
  /** The activity header carrying the scheduling workflow's log fields. */
  static final String HEADER = "gridshift-log-fields";

  // The header holds names, never a secret, so the plain converter (no payload codec) suffices.
  /**
   * Writes and reads the header: the worker's own converter, so that with payload encryption the
   * grid's name is encrypted in the history like every other payload.
   */
  private final DataConverter converter;

  /** Fields carried with the worker's {@code converter} (the client's, codec included). */
  public LoggingContextInterceptor(DataConverter converter) {
    this.converter = converter;
  }

  /** Fields carried in the standard (unencrypted) encoding. */
  public LoggingContextInterceptor() {
    this(DefaultDataConverter.STANDARD_INSTANCE);
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowFields(next);
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityFields(next);
  }

  /** One workflow execution's fields, on each of its threads. */
  private final class WorkflowFields extends WorkflowInboundCallsInterceptorBase {
    private final Map<String, String> fields = new HashMap<>();

    WorkflowFields(WorkflowInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(WorkflowOutboundCallsInterceptor outbound) {
      super.init(new CarryFields(outbound, fields));
    }

    @Override
    public WorkflowOutput execute(WorkflowInput input) {
      WorkflowInfo info = Workflow.getInfo();
      fields.put(LogFields.WORKFLOW_ID, info.getWorkflowId());
      fields.put(LogFields.RUN_ID, info.getRunId());
      Object[] arguments = input.getArguments();
      if (arguments.length > 0 && arguments[0] instanceof UpgradeRequest request) {
        fields.put(LogFields.GRID, request.grid());
        if (request.cluster() != null) {
          fields.put(LogFields.CLUSTER, request.cluster().cluster());
        }
      }
      try (LogFields.Scope scope = LogFields.set(fields)) {
        return super.execute(input);
      }
    }

    @Override
    public Object newCallbackThread(Runnable runnable, String name) {
      return super.newCallbackThread(withFields(runnable, fields), name);
    }
  }

  /** Adds the workflow thread's fields to each activity it schedules, and to its async threads. */
  private final class CarryFields extends WorkflowOutboundCallsInterceptorBase {
    private final Map<String, String> fields;

    CarryFields(WorkflowOutboundCallsInterceptor next, Map<String, String> fields) {
      super(next);
      this.fields = fields;
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      return super.executeActivity(
          new ActivityInput<>(
              input.getActivityName(),
              input.getResultClass(),
              input.getResultType(),
              input.getArgs(),
              input.getOptions(),
              labelled(input.getHeader())));
    }

    @Override
    public <R> LocalActivityOutput<R> executeLocalActivity(LocalActivityInput<R> input) {
      return super.executeLocalActivity(
          new LocalActivityInput<>(
              input.getActivityName(),
              input.getResultClass(),
              input.getResultType(),
              input.getArgs(),
              input.getOptions(),
              labelled(input.getHeader())));
    }

    @Override
    public Object newChildThread(Runnable runnable, boolean detached, String name) {
      return super.newChildThread(withFields(runnable, fields), detached, name);
    }

    private Header labelled(Header header) {
      Map<String, Payload> values = new HashMap<>(header.getValues());
      converter.toPayload(LogFields.current()).ifPresent(p -> values.put(HEADER, p));
      return new Header(values);
    }
  }

  private static Runnable withFields(Runnable runnable, Map<String, String> fields) {
    return () -> {
      try (LogFields.Scope scope = LogFields.set(fields)) {
        runnable.run();
      }
    };
  }

  /** An activity's fields, for the length of its execution. */
  private final class ActivityFields extends ActivityInboundCallsInterceptorBase {
    private ActivityExecutionContext context;

    ActivityFields(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext context) {
      this.context = context;
      super.init(context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      try (LogFields.Scope scope = LogFields.set(fields(context.getInfo(), input.getHeader()))) {
        return super.execute(input);
      }
    }

    private Map<String, String> fields(ActivityInfo info, Header header) {
      Map<String, String> fields = new HashMap<>(fromWorkflow(header));
      fields.put(LogFields.WORKFLOW_ID, info.getWorkflowId());
      fields.put(LogFields.RUN_ID, info.getRunId());
      if (info.getActivityTaskQueue().startsWith(TaskQueues.CLUSTER_PREFIX)) {
        fields.put(
            LogFields.CLUSTER,
            info.getActivityTaskQueue().substring(TaskQueues.CLUSTER_PREFIX.length()));
      }
      fields.putIfAbsent(LogFields.STEP, info.getActivityType());
      return fields;
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> fromWorkflow(Header header) {
      Payload payload = header.getValues().get(HEADER);
      if (payload == null) {
        return Map.of();
      }
      try {
        return converter.fromPayload(payload, Map.class, Map.class);
      } catch (RuntimeException e) {
        // A label is not worth failing an activity for: log without it.
        return Map.of();
      }
    }
  }
}
