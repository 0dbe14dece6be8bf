package io.gridshift.sandbox.temporal.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/settings}, with the field names and shape of the UI server's {@code
 * SettingsResponse} (Go field names, as its JSON has them): no auth, namespace {@code default}, the
 * payload codec endpoint when one is set (so the UI decodes payloads through it), every action
 * enabled, and no news fetched from the internet (the sandbox may have none).
 *
 * @param codecEndpoint the remote codec's base URL (the REST service's {@code /codec}), or empty
 * @param uiVersion the version of {@code @temporalio/ui} the build was made from
 */
record UiSettings(String codecEndpoint, String uiVersion) {
  private static final ObjectMapper JSON = new ObjectMapper();

  String json() {
    Map<String, Object> auth = new LinkedHashMap<>();
    auth.put("Enabled", false);
    auth.put("Options", null);
    auth.put("RedirectToProvider", false);
    Map<String, Object> codec = new LinkedHashMap<>();
    codec.put("Endpoint", codecEndpoint == null ? "" : codecEndpoint);
    codec.put("PassAccessToken", false);
    codec.put("IncludeCredentials", codecEndpoint != null && !codecEndpoint.isEmpty());
    codec.put("DefaultErrorMessage", "");
    codec.put("DefaultErrorLink", "");
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("Auth", auth);
    s.put("DefaultNamespace", "default");
    s.put("ShowTemporalSystemNamespace", false);
    s.put("NavCollapsedByDefault", false);
    s.put("FeedbackURL", "");
    s.put("DisableNewsFetch", true);
    s.put("Codec", codec);
    s.put("Version", uiVersion);
    for (String flag :
        new String[] {
          "DisableWriteActions",
          "WorkflowTerminateDisabled",
          "WorkflowCancelDisabled",
          "WorkflowSignalDisabled",
          "WorkflowUpdateDisabled",
          "WorkflowResetDisabled",
          "WorkflowPauseDisabled",
          "BatchActionsDisabled",
          "StartWorkflowDisabled",
          "HideWorkflowQueryErrors",
          "RefreshWorkflowCountsDisabled",
          "ActivityCommandsDisabled"
        }) {
      s.put(flag, false);
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
