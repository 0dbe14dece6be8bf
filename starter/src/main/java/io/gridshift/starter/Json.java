package io.gridshift.starter;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gridshift.workflows.kinds.GridKinds;

/**
 * The one ObjectMapper configuration for requests, reports and CLI output; it knows every grid
 * kind's request and details records.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      GridKinds.registerWith(new ObjectMapper())
          .registerModule(new JavaTimeModule())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true)
          .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, false)
          .configure(SerializationFeature.INDENT_OUTPUT, true)
          .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

  private Json() {}

  /** The shared mapper (thread-safe once configured). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
