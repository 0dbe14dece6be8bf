package io.gridshift.sandbox.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.gridshift.activities.hazelcast.MemberTls;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The mesh's injection decision, read from the pod as gridshift reads it from the template. */
class HazelcastMeshTlsTest {

  @Test
  void aPodWithoutTheAnnotationGetsNoSidecar() {
    assertThat(HazelcastMeshTls.requestedPort(pod(Map.of()))).isEmpty();
  }

  @Test
  void theAnnotationsTheDemoSetsAskForASidecarAndNameTheMeshCa() {
    Map<String, String> annotations = HazelcastMeshTls.annotations(5443);

    assertThat(HazelcastMeshTls.requestedPort(pod(annotations))).isEqualTo(OptionalInt.of(5443));
    assertThat(annotations)
        .containsEntry(MemberTls.CA_SECRET_ANNOTATION, HazelcastMeshTls.CA_SECRET);
  }

  @Test
  void aPortThatIsNoNumberFailsThePodSayingSo() {
    assertThatThrownBy(
            () ->
                HazelcastMeshTls.requestedPort(
                    pod(Map.of(MemberTls.SIDECAR_PORT_ANNOTATION, "https"))))
        .hasMessageContaining("pod default/hz-0")
        .hasMessageContaining("'https', not a port number");
  }

  private static Pod pod(Map<String, String> annotations) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName("hz-0")
        .withAnnotations(annotations)
        .endMetadata()
        .build();
  }
}
