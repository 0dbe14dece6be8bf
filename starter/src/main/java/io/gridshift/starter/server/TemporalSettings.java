package io.gridshift.starter.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;

/** The {@code temporal} section of the server config: where the Temporal frontend is. */
public class TemporalSettings {
  @NotBlank @JsonProperty private String target = "127.0.0.1:7233";
  @NotBlank @JsonProperty private String namespace = "default";

  public String target() {
    return target;
  }

  public String namespace() {
    return namespace;
  }
}
