package io.gridshift.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An OCI image tarball (what {@code jib:buildTar} writes with format OCI) unpacked into a folder:
 * its config and its layers, read the way a container runtime reads them (index, manifest, blobs).
 */
final class OciImage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path layout;
  private final JsonNode manifest;
  private final JsonNode config;

  private OciImage(Path layout) throws IOException {
    this.layout = layout;
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    this.manifest = blob(index.path("manifests").path(0).path("digest").asText());
    this.config = blob(manifest.path("config").path("digest").asText());
  }

  /** Unpacks {@code tarball} into {@code folder} (emptied first). */
  static OciImage unpack(Path tarball, Path folder) throws IOException, InterruptedException {
    Commands.deleteRecursively(folder);
    Files.createDirectories(folder);
    Commands.run(List.of("tar", "-xf", tarball.toString(), "-C", folder.toString()));
    return new OciImage(folder);
  }

  /** The runtime part of the image config: User, Entrypoint, Cmd, Env, Labels. */
  JsonNode runtimeConfig() {
    return config.path("config");
  }

  /** The image's environment as NAME=value strings. */
  List<String> environment() {
    List<String> env = new ArrayList<>();
    runtimeConfig().path("Env").forEach(entry -> env.add(entry.asText()));
    return env;
  }

  /** The image's entrypoint. */
  List<String> entrypoint() {
    List<String> entrypoint = new ArrayList<>();
    runtimeConfig().path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
    return entrypoint;
  }

  /** Applies every layer, in order, to an empty {@code rootfs}, as the runtime does. */
  void extractRootfs(Path rootfs) throws IOException, InterruptedException {
    Commands.deleteRecursively(rootfs);
    Files.createDirectories(rootfs);
    for (JsonNode layer : manifest.path("layers")) {
      Path blob = blobPath(layer.path("digest").asText());
      Commands.run(
          List.of(
              "tar",
              "--warning=no-unknown-keyword",
              "-xzf",
              blob.toString(),
              "-C",
              rootfs.toString()));
    }
  }

  private JsonNode blob(String digest) throws IOException {
    return JSON.readTree(blobPath(digest).toFile());
  }

  private Path blobPath(String digest) {
    String[] algorithmAndHex = digest.split(":", 2);
    return layout.resolve("blobs").resolve(algorithmAndHex[0]).resolve(algorithmAndHex[1]);
  }
}
