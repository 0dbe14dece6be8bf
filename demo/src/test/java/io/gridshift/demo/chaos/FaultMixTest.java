package io.gridshift.demo.chaos;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad settings are refused with what to do, before anything listens. */
class FaultMixTest {
  @Test
  void negativeOrAllZeroWeightsAndNegativeStallsAreRefused() {
    assertThatThrownBy(() -> new FaultMix(1, -1, 0, 0, 0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(">= 0");
    assertThatThrownBy(() -> new FaultMix(0, 0, 0, 0, 0, Duration.ZERO))
        .hasMessageContaining("set the proxy's rate to 0 for no faults");
    assertThatThrownBy(() -> new FaultMix(1, 0, 0, 0, 0, Duration.ofSeconds(-1)))
        .hasMessageContaining("stallFor must be >= 0");
  }

  @Test
  void aRateOutside0To1AndANonHttpUpstreamAreRefused() throws Exception {
    try (KubeFaultProxy proxy =
        KubeFaultProxy.start(URI.create("http://127.0.0.1:1"), FaultMix.standard(), 1)) {
      assertThatThrownBy(() -> proxy.setRate(1.5)).hasMessageContaining("within 0..1");
      assertThatThrownBy(() -> proxy.setRate(Double.NaN)).hasMessageContaining("within 0..1");
    }
    assertThatThrownBy(
            () -> KubeFaultProxy.start(URI.create("https://api:6443"), FaultMix.standard(), 1))
        .hasMessageContaining("plain-HTTP");
  }
}
