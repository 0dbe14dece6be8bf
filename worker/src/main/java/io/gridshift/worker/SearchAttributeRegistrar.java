package io.gridshift.worker;

import io.gridshift.workflows.common.UpgradeSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc.OperatorServiceBlockingStub;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@link UpgradeSearchAttributes} (Keyword) in the worker's namespace at start, and
 * says which ones the server knows: the workflows upsert only those.
 *
 * <ol>
 *   <li>AddSearchAttributes, one key at a time: OK and ALREADY_EXISTS both mean registered.
 *   <li>When the server refuses (UNIMPLEMENTED, PERMISSION_DENIED: Temporal Cloud, a restricted
 *       role), ListSearchAttributes says which keys someone registered with the Keyword type.
 *   <li>When that fails too, none: upgrades run without search attributes, with a warning that says
 *       how to register them.
 * </ol>
 */
public final class SearchAttributeRegistrar {
  private static final Logger LOG = LoggerFactory.getLogger(SearchAttributeRegistrar.class);
  private static final long TIMEOUT_SECONDS = 10;

  private SearchAttributeRegistrar() {}

  /** Registers what it can in {@code namespace}; returns the keys the server knows. */
  public static Set<String> register(OperatorServiceBlockingStub operator, String namespace) {
    Set<String> known = new LinkedHashSet<>();
    for (String name : UpgradeSearchAttributes.names()) {
      try {
        operator
            .withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putSearchAttributes(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                    .build());
        known.add(name);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          return fallBackToList(operator, namespace, e.getStatus());
        }
        known.add(name);
      }
    }
    LOG.info("search attributes registered in namespace {}: {}", namespace, known);
    return known;
  }

  private static Set<String> fallBackToList(
      OperatorServiceBlockingStub operator, String namespace, Status refusal) {
    Set<String> known = new LinkedHashSet<>();
    try {
      Map<String, IndexedValueType> custom =
          operator
              .withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap();
      for (String name : UpgradeSearchAttributes.names()) {
        if (custom.get(name) == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD) {
          known.add(name);
        }
      }
    } catch (StatusRuntimeException e) {
      LOG.debug("listing search attributes failed too: {}", e.getStatus());
    }
    if (known.size() < UpgradeSearchAttributes.names().size()) {
      LOG.warn(
          "could not register gridshift's search attributes in namespace {} ({} {}); upgrades"
              + " will set only {}. To find upgrades in the Temporal UI, register every one of {}"
              + " as Keyword (for example `temporal operator search-attribute create --namespace"
              + " {} --name GridshiftKind --type Keyword`) and restart the worker",
          namespace,
          refusal.getCode(),
          refusal.getDescription(),
          known,
          UpgradeSearchAttributes.names(),
          namespace);
    }
    return known;
  }
}
