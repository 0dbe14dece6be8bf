package io.gridshift.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridshift.image.Commands.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image {@code mvn -Pimage package} built (target/gridshift-image.tar), checked without Docker:
 * its config (user, entrypoint, labels), then its own Java and its entrypoint run from its unpacked
 * layers on a read-only root filesystem (see {@link ReadOnlyContainer}). Runs only with -Pimage.
 */
class ImageIT {
  private static final String VERSION = System.getProperty("gridshift.image.version");
  private static OciImage image;
  private static Path rootfs;
  private static ReadOnlyContainer container;

  @BeforeAll
  static void unpack() throws Exception {
    Path tarball = Path.of(System.getProperty("gridshift.image.tarball"));
    assertThat(tarball).as("built by mvn -Pimage package").isRegularFile();
    Path work = tarball.resolveSibling("image-check");
    image = OciImage.unpack(tarball, work.resolve("oci"));
    rootfs = work.resolve("rootfs");
    image.extractRootfs(rootfs);
    String user = image.runtimeConfig().path("User").asText();
    container = new ReadOnlyContainer(rootfs, image.environment(), user);
  }

  @Test
  void runsAsTheNonrootUserWithOneEntrypointAndNoDefaultArguments() {
    JsonNode config = image.runtimeConfig();
    assertThat(config.path("User").asText()).isEqualTo("65532:65532");
    assertThat(image.entrypoint())
        .containsExactly(
            "java",
            "-Dhazelcast.logging.type=slf4j",
            "-cp",
            "@/app/jib-classpath-file",
            "io.gridshift.image.GridshiftMain");
    assertThat(config.path("Cmd").isMissingNode() || config.path("Cmd").isEmpty()).isTrue();
    assertThat(image.environment()).anyMatch(env -> env.startsWith("PATH="));
  }

  @Test
  void carriesTheOpenContainersLabels() {
    JsonNode labels = image.runtimeConfig().path("Labels");
    assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo("gridshift");
    assertThat(labels.path("org.opencontainers.image.version").asText()).isEqualTo(VERSION);
    assertThat(labels.path("org.opencontainers.image.revision").asText()).isNotEmpty();
    assertThat(labels.path("org.opencontainers.image.description").asText()).isNotEmpty();
  }

  @Test
  void itsJavaIsA17Runtime() throws Exception {
    Result java = container.run("", List.of("java", "--version"));
    assertThat(java.exitCode()).as(java.stderr()).isZero();
    assertThat(java.stdout()).startsWith("openjdk 17");
  }

  @Test
  void theEntrypointPrintsTheVersionOnAReadOnlyRoot() throws Exception {
    Result version = entrypoint("", "--version");
    assertThat(version.exitCode()).as(version.stderr()).isZero();
    assertThat(version.stdout().strip()).isEqualTo("gridshift " + VERSION);
  }

  @Test
  void theStarterRoleRunsFromTheImagesClasspath() throws Exception {
    Result hash = entrypoint("a-password", "hash-password");
    assertThat(hash.exitCode()).as(hash.stderr()).isZero();
    assertThat(hash.stdout()).startsWith("bcrypt:$2");
  }

  @Test
  void theServerRoleValidatesItsConfigWithDropwizard() throws Exception {
    // Jackson, Hibernate Validator and java.beans (java.desktop) at work in the jlink'd runtime.
    Files.writeString(
        Files.createDirectories(rootfs.resolve("etc/gridshift")).resolve("server.yaml"),
        """
        temporal:
          target: temporal-frontend.temporal:7233
        auth:
          users:
            - name: alice
              password: "bcrypt:$2a$12$bG6xA7IXB2Jf.g52s7ifzuK3Bh9dfSleSnGQmmdo2ir2eE3jWLiby"
              roles: [requester]
        """);
    Result check = entrypoint("", "server", "check", "/etc/gridshift/server.yaml");
    assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
    assertThat(check.stdout() + check.stderr()).contains("Configuration is OK");
  }

  @Test
  void theAgentRoleReadsItsConfigAndRefusesABadOneWithTheFix() throws Exception {
    // As a ConfigMap mounted at /etc/gridshift would provide it.
    Path etc = Files.createDirectories(rootfs.resolve("etc/gridshift"));
    Files.writeString(etc.resolve("agent.yaml"), "hostWorkflows: true\n");
    Result agent = entrypoint("", "agent", "--config", "/etc/gridshift/agent.yaml");
    assertThat(agent.exitCode()).as(agent.stdout() + agent.stderr()).isEqualTo(2);
    assertThat(agent.stderr()).contains("set hostWorkflows: false");
  }

  private static Result entrypoint(String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(image.entrypoint());
    command.addAll(List.of(args));
    return container.run(stdin, command);
  }
}
