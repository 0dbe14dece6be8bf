package io.gridshift.starter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gridshift.starter.Json;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/**
 * {@code -o table|json|yaml} (and the older {@code --json}) for the commands that print something a
 * script may read. json and yaml are the records the REST API returns, rendered by the project's
 * one {@link Json#mapper()} (yaml is the same tree written as YAML), so field names are stable.
 */
final class OutputOptions {
  /** How a read command prints its answer. */
  enum Format {
    /** The human view: tables and the commands to run next. */
    TABLE,
    JSON,
    YAML
  }

  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table (default), json or yaml; json and yaml carry the REST API's fields")
  Format format = Format.TABLE;

  @Option(names = "--json", description = "the same as -o json")
  boolean json;

  Format format() {
    return json ? Format.JSON : format;
  }

  /** Whether the human view is wanted. */
  boolean table() {
    return format() == Format.TABLE;
  }

  /** Prints {@code value} as JSON or YAML (the caller prints tables itself). */
  void print(Object value, PrintStream out) {
    out.println(render(value, format()));
  }

  static String render(Object value, Format format) {
    try {
      if (format == Format.YAML) {
        JsonNode tree = Json.mapper().valueToTree(value);
        return YAML.writeValueAsString(tree).stripTrailing();
      }
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the answer as " + format, e);
    }
  }
}
