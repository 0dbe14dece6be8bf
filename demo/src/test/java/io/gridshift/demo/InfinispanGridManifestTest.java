package io.gridshift.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.demo.InfinispanXmlCaches.Encoding;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gridshift demo infinispan --grid-manifest F}: the example is what the demo expects, and
 * a manifest it cannot run is refused before anything starts, saying what to add.
 */
class InfinispanGridManifestTest {
  static final Path EXAMPLE = Path.of("..", "deploy", "examples", "infinispan-statefulset.yaml");

  @TempDir Path dir;

  @Test
  void theExampleIsAStatefulSetInShopWithItsServiceAndTheCachesOfItsConfigMap() {
    InfinispanGridManifest grid = InfinispanGridManifest.read(EXAMPLE);

    assertThat(grid.namespace()).isEqualTo("shop");
    assertThat(grid.name()).isEqualTo("carts");
    assertThat(grid.replicas()).isEqualTo(3);
    assertThat(grid.service().getMetadata().getName()).isEqualTo("carts");
    assertThat(grid.sourceVersion()).isEqualTo("14.0.28.Final");
    assertThat(grid.caches())
        .containsExactly(
            java.util.Map.entry("carts", Encoding.UNENCODED),
            java.util.Map.entry("prices", Encoding.TEXT),
            java.util.Map.entry("products", Encoding.PROTOSTREAM));
  }

  @Test
  void theDemoTakesTheExampleWithItsImageTagAsTheSource() {
    DemoOptions o =
        DemoOptions.parse(
            new String[] {
              "infinispan", "--grid-manifest", EXAMPLE.toString(), "--to", "15.2.6.Final"
            });
    assertThat(o.versions()).isEqualTo(new InfinispanDemoVersions("14.0.28.Final", "15.2.6.Final"));
    assertThat(o.gridManifest()).isEqualTo(EXAMPLE);
    // --from may repeat the image tag, not contradict it.
    assertThat(
            DemoOptions.parse(
                    new String[] {
                      "infinispan", "--grid-manifest", EXAMPLE.toString(), "--from", "14.0.28.Final"
                    })
                .versions())
        .isEqualTo(InfinispanDemoVersions.defaults());
    assertThatThrownBy(
            () ->
                DemoOptions.parse(
                    new String[] {
                      "infinispan", "--grid-manifest", EXAMPLE.toString(), "--from", "15.0.21.Final"
                    }))
        .hasMessageStartingWith("--from 15.0.21.Final but the pods of")
        .hasMessageContaining("run 14.0.28.Final (their image tag)");
    assertThatThrownBy(
            () ->
                DemoOptions.parse(
                    new String[] {
                      "infinispan", "--grid-manifest", EXAMPLE.toString(), "--to", "14.0.28.Final"
                    }))
        .hasMessageStartingWith(
            "--to 14.0.28.Final is not newer than the image tag of StatefulSet carts 14.0.28.Final");
    assertThatThrownBy(
            () ->
                DemoOptions.parse(
                    new String[] {"infinispan", "--grid-manifest", EXAMPLE.toString(), "--secure"}))
        .hasMessageStartingWith("--secure runs the demo's own grid over TLS");
  }

  @Test
  void aManifestWithoutAServiceSelectingThePodsIsRefused() throws Exception {
    Path file = write(example().replaceAll("(?s)---\n# The Service.*?---\n", "---\n"));
    assertThatThrownBy(() -> InfinispanGridManifest.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            file
                + " holds no Service in namespace shop whose selector matches the pods of"
                + " StatefulSet shop/carts: add the Service clients use (see"
                + " deploy/examples/infinispan-statefulset.yaml)");
    // A Service in another namespace, or selecting other pods, is not the grid's.
    Path elsewhere =
        write(
            example()
                .replace(
                    "  name: carts\n  namespace: shop\nspec:\n  selector:\n    app: carts",
                    "  name: carts\n  namespace: shop\nspec:\n  selector:\n    app: other"));
    assertThatThrownBy(() -> InfinispanGridManifest.read(elsewhere))
        .hasMessageContaining("holds no Service in namespace shop");
  }

  @Test
  void aDeploymentConfigIsAGridLikeAStatefulSet() throws Exception {
    Path file =
        write(
            example()
                .replace(
                    "apiVersion: apps/v1\nkind: StatefulSet",
                    "apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig")
                .replace("  serviceName: carts\n", "")
                .replace(
                    "  selector:\n    matchLabels:\n      app: carts\n",
                    "  selector:\n    app: carts\n")
                .replace(
                    "  updateStrategy:\n    type: RollingUpdate\n",
                    "  strategy:\n    type: Rolling\n"));
    InfinispanGridManifest grid = InfinispanGridManifest.read(file);
    assertThat(grid.grid().getKind()).isEqualTo("DeploymentConfig");
    assertThat(grid.name()).isEqualTo("carts");
    assertThat(grid.namespace()).isEqualTo("shop");
    assertThat(grid.replicas()).isEqualTo(3);
    assertThat(grid.service().getMetadata().getName()).isEqualTo("carts");
    assertThat(grid.caches()).containsKeys("carts", "prices", "products");
  }

  @Test
  void unreadableYamlAndManifestsWithoutAGridSayWhatIsWrong() throws Exception {
    Path broken = write("apiVersion: v1\nkind: [ConfigMap\n");
    assertThatThrownBy(() -> InfinispanGridManifest.read(broken))
        .hasMessageStartingWith(
            "--grid-manifest " + broken + " is not a Kubernetes manifest in YAML or JSON: ");
    Path none = write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
    assertThatThrownBy(() -> InfinispanGridManifest.read(none))
        .hasMessage(none + " holds no StatefulSet, Deployment or DeploymentConfig to upgrade");
    Path deployment =
        write(
            example()
                .replace("kind: StatefulSet", "kind: Deployment")
                .replace("  serviceName: carts\n", "")
                .replace("  updateStrategy:\n    type: RollingUpdate\n", ""));
    assertThatThrownBy(() -> InfinispanGridManifest.read(deployment))
        .hasMessage(
            deployment
                + ": Deployment carts is neither a StatefulSet nor a DeploymentConfig, the kinds of"
                + " grid the Infinispan upgrade moves");
    assertThatThrownBy(
            () ->
                DemoOptions.parse(
                    new String[] {"infinispan", "--grid-manifest", dir.resolve("nope").toString()}))
        .hasMessage("--grid-manifest " + dir.resolve("nope") + " is not a readable file");
  }

  @Test
  void theConfigMapMustBeMountedAndDeclareCaches() throws Exception {
    Path unmounted =
        write(
            example().replace("            name: carts-config", "            name: other-config"));
    assertThatThrownBy(() -> InfinispanGridManifest.read(unmounted))
        .hasMessageContaining("mount no ConfigMap of the manifest with key infinispan.xml");
    Path noCaches = write(example().replaceAll("(?s)<!-- Shopping.*?</distributed-cache>\n", ""));
    assertThatThrownBy(() -> InfinispanGridManifest.read(noCaches))
        .hasMessageContaining("the infinispan.xml of ConfigMap carts-config declares no cache");
    Path badXml = write(example().replace("</infinispan>", "</infinispan"));
    assertThatThrownBy(() -> InfinispanGridManifest.read(badXml))
        .hasMessageContaining("ConfigMap carts-config: infinispan.xml is not well-formed XML");
    Path untagged = write(example().replace("server:14.0.28.Final", "server"));
    assertThatThrownBy(() -> InfinispanGridManifest.read(untagged))
        .hasMessageContaining("run image 'quay.io/infinispan/server', which names no version");
  }

  @Test
  void theDemosGridIsTheManifestsStatefulSetReachedThroughItsService() {
    // Where the objects land is GridManifest's, shared with the Hazelcast demo
    // (HazelcastDemoGridTest creates them on the Kubernetes API).
    InfinispanDemoGrid grid =
        InfinispanDemoGrid.forManifest(null, InfinispanGridManifest.read(EXAMPLE));

    assertThat(grid.namespace()).isEqualTo("shop");
    assertThat(grid.name()).isEqualTo("carts");
    assertThat(grid.service()).isEqualTo("carts");
    assertThat(grid.loadableCaches()).containsExactly("carts", "prices", "products");
    assertThat(grid.unencodedCache()).contains("carts");
    assertThat(grid.tlsSecret()).isNull();
  }

  private String example() throws Exception {
    return Files.readString(EXAMPLE);
  }

  private Path write(String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "grid", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
