package io.gridshift.sandbox.temporal.ui;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Temporal's HTTP API as the Go server and UI server serve it (grpc-gateway): every {@code
 * google.api.http} rule (and its additional bindings) of WorkflowService and OperatorService, read
 * from the Java proto descriptors the SDK ships, so the routes are exactly those of the API version
 * the sandbox speaks.
 */
final class HttpRoutes {
  /** A matched route and its path variables. */
  record Match(HttpRoute route, Map<String, String> variables) {}

  private final List<HttpRoute> routes;

  private HttpRoutes(List<HttpRoute> routes) {
    this.routes = routes;
  }

  /** The routes of WorkflowService and OperatorService. */
  static HttpRoutes temporal() {
    List<HttpRoute> routes = new ArrayList<>();
    add(WorkflowServiceGrpc.getServiceDescriptor(), routes);
    add(OperatorServiceGrpc.getServiceDescriptor(), routes);
    // More literal segments first: /workflows/{id}/history before /workflows/{id}/{x}.
    routes.sort(Comparator.comparingInt(HttpRoute::literalCount).reversed());
    return new HttpRoutes(List.copyOf(routes));
  }

  /** The route for {@code verb} and the decoded path segments; empty when none matches. */
  Optional<Match> find(String verb, List<String> path) {
    for (HttpRoute route : routes) {
      if (route.verb().equals(verb)) {
        Optional<Map<String, String>> vars = route.match(path);
        if (vars.isPresent()) {
          return Optional.of(new Match(route, vars.get()));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether some route has this path with another verb (405 rather than 404). */
  boolean pathExists(List<String> path) {
    return routes.stream().anyMatch(r -> r.match(path).isPresent());
  }

  int size() {
    return routes.size();
  }

  @SuppressWarnings("unchecked")
  private static void add(ServiceDescriptor service, List<HttpRoute> routes) {
    Descriptors.ServiceDescriptor proto =
        ((ProtoServiceDescriptorSupplier) service.getSchemaDescriptor()).getServiceDescriptor();
    for (MethodDescriptor<?, ?> grpc : service.getMethods()) {
      Descriptors.MethodDescriptor method = proto.findMethodByName(grpc.getBareMethodName());
      if (method == null || !method.getOptions().hasExtension(AnnotationsProto.http)) {
        continue;
      }
      HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
      MethodDescriptor<Message, Message> call = (MethodDescriptor<Message, Message>) grpc;
      if (!(call.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> p)) {
        continue;
      }
      Message prototype = (Message) p.getMessagePrototype();
      addRule(rule, call, method.getInputType(), prototype, routes);
      for (HttpRule extra : rule.getAdditionalBindingsList()) {
        addRule(extra, call, method.getInputType(), prototype, routes);
      }
    }
  }

  private static void addRule(
      HttpRule rule,
      MethodDescriptor<Message, Message> call,
      Descriptors.Descriptor input,
      Message prototype,
      List<HttpRoute> routes) {
    String verb;
    String template;
    switch (rule.getPatternCase()) {
      case GET -> {
        verb = "GET";
        template = rule.getGet();
      }
      case POST -> {
        verb = "POST";
        template = rule.getPost();
      }
      case PUT -> {
        verb = "PUT";
        template = rule.getPut();
      }
      case PATCH -> {
        verb = "PATCH";
        template = rule.getPatch();
      }
      case DELETE -> {
        verb = "DELETE";
        template = rule.getDelete();
      }
      default -> {
        return;
      }
    }
    routes.add(
        new HttpRoute(
            verb, HttpRoute.segmentsOf(template), rule.getBody(), call, input, prototype));
  }
}
