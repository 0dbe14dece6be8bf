package io.gridshift.activities.infinispan;

import static io.gridshift.activities.infinispan.RestClient.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies what user caches depend on from source to target, before any user cache exists there.
 *
 * <ol>
 *   <li>Protobuf schemas: each schema the target lacks or holds with other text is PUT (create or
 *       replace); equal ones are left alone. All are uploaded before errors are judged, because a
 *       schema importing another one is invalid until that one arrives.
 *   <li>A schema valid on the source but invalid on the target fails the activity (non-retryable):
 *       caches using it would reject data.
 *   <li>Server-side scripts ({@code GET /rest/v2/tasks?type=user}): best effort, a script that
 *       cannot be copied (no script engine on the target) is logged and skipped.
 * </ol>
 */
final class InternalStateCopier {
  private static final Logger LOG = LoggerFactory.getLogger(InternalStateCopier.class);

  private final InfinispanRest source;
  private final InfinispanRest target;

  InternalStateCopier(InfinispanRest source, InfinispanRest target) {
    this.source = source;
    this.target = target;
  }

  void copy() {
    copySchemas();
    copyScripts();
  }

  private void copySchemas() {
    Map<String, String> sourceErrors = new HashMap<>();
    List<String> copied = new ArrayList<>();
    for (InfinispanRest.Schema schema : source.schemas()) {
      sourceErrors.put(schema.name(), schema.error());
      String text = source.schema(schema.name());
      if (text == null || text.equals(target.schema(schema.name()))) {
        continue;
      }
      target.putSchema(schema.name(), text);
      copied.add(schema.name());
    }
    for (InfinispanRest.Schema schema : target.schemas()) {
      if (schema.error() != null
          && sourceErrors.containsKey(schema.name())
          && sourceErrors.get(schema.name()) == null) {
        throw Failures.nonRetryable(
            "schema "
                + schema.name()
                + " is valid on the source but not on target "
                + target.grid().describe()
                + ": "
                + schema.error()
                + "; fix the schema (or the ones it imports) before creating caches",
            FailureTypes.INVALID_REQUEST);
      }
    }
    LOG.info(
        "schemas from {} to {}: copied {}, {} already equal",
        source.grid().describe(),
        target.grid().describe(),
        copied,
        sourceErrors.size() - copied.size());
  }

  private void copyScripts() {
    RestResponse list = source.client().get("/rest/v2/tasks?type=user");
    if (!list.ok()) {
      LOG.warn(
          "listing scripts on {} failed (HTTP {}); not copying scripts",
          source.grid().describe(),
          list.status());
      return;
    }
    for (JsonNode task : source.json(list.body())) {
      String name = task.path("name").asText();
      if (!task.path("type").asText("ScriptTask").contains("Script")) {
        continue; // deployed Java tasks ship with the server, not through REST
      }
      copyScript(name);
    }
  }

  private void copyScript(String name) {
    String path = "/rest/v2/tasks/" + segment(name);
    RestResponse script = source.client().get(path + "?action=script");
    if (!script.ok()) {
      LOG.warn(
          "reading script {} from {} failed (HTTP {}); skipped",
          name,
          source.grid().describe(),
          script.status());
      return;
    }
    RestResponse existing = target.client().get(path + "?action=script");
    if (existing.ok() && existing.body().equals(script.body())) {
      return;
    }
    RestResponse put =
        target
            .client()
            .send("POST", path, "text/plain", script.body(), null, RestClient.DEFAULT_TIMEOUT);
    if (put.ok()) {
      LOG.info("copied script {} to {}", name, target.grid().describe());
    } else {
      LOG.warn(
          "copying script {} to {} failed (HTTP {}: {}); copy it by hand if a client runs it",
          name,
          target.grid().describe(),
          put.status(),
          put.shortBody());
    }
  }
}
