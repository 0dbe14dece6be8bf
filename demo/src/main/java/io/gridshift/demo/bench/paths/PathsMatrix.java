package io.gridshift.demo.bench.paths;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole matrix as the resource {@code upgrade-paths.json} holds it.
 *
 * @param measured when, on what machine, by what command
 */
@JsonPropertyOrder({"measured", "paths"})
record PathsMatrix(String measured, List<PathResult> paths) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static PathsMatrix read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), PathsMatrix.class);
  }

  void writeJson(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, JSON.writeValueAsString(this) + "\n");
  }
}
