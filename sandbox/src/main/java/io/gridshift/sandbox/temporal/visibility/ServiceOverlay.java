package io.gridshift.sandbox.temporal.visibility;

import io.grpc.BindableService;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import java.util.Set;

/**
 * One gRPC service made of two implementations of the same service: the named methods from {@code
 * mine}, every other method from {@code base}. How the sandbox serves, on the test server's own
 * port, the calls the test server answers UNIMPLEMENTED.
 */
public final class ServiceOverlay {
  private ServiceOverlay() {}

  /**
   * {@code base} with {@code methods} (bare names, e.g. ListWorkflowExecutions) from {@code mine}.
   */
  public static BindableService overlay(
      BindableService base, BindableService mine, Set<String> methods) {
    return () -> {
      ServerServiceDefinition original = base.bindService();
      ServerServiceDefinition replacement = mine.bindService();
      ServerServiceDefinition.Builder merged =
          ServerServiceDefinition.builder(original.getServiceDescriptor());
      for (ServerMethodDefinition<?, ?> method : original.getMethods()) {
        String name = method.getMethodDescriptor().getBareMethodName();
        ServerMethodDefinition<?, ?> chosen =
            methods.contains(name)
                ? replacement.getMethod(method.getMethodDescriptor().getFullMethodName())
                : method;
        merged.addMethod(chosen);
      }
      return merged.build();
    };
  }
}
