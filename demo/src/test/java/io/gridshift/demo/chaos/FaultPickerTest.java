package io.gridshift.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultPickerTest {
  @Test
  void theSameSeedInjectsTheSameFaults() {
    assertThat(draws(7)).isEqualTo(draws(7)).isNotEqualTo(draws(8));
  }

  @Test
  void theRateIsTheShareOfFaultedRequestsAndEveryKindOccurs() {
    FaultPicker picker = new FaultPicker(FaultMix.standard(), 1);
    Map<KubeFault, Integer> seen = new EnumMap<>(KubeFault.class);
    for (int i = 0; i < 10_000; i++) {
      seen.merge(picker.pick(i % 2 == 0 ? "GET" : "PATCH", false, 0.05), 1, Integer::sum);
    }
    assertThat(10_000 - seen.get(KubeFault.NONE)).isBetween(400, 600);
    assertThat(seen.keySet()).containsAll(List.of(KubeFault.values()));
  }

  @Test
  void readsNeverConflictAndWatchesNeverFail() {
    FaultPicker picker = new FaultPicker(FaultMix.standard(), 3);
    for (int i = 0; i < 1_000; i++) {
      assertThat(picker.pick("GET", false, 1.0)).isNotIn(KubeFault.CONFLICT_409, KubeFault.NONE);
      assertThat(picker.pick("GET", true, 1.0)).isEqualTo(KubeFault.NONE);
    }
    FaultPicker only409 = new FaultPicker(FaultMix.only(KubeFault.CONFLICT_409, Duration.ZERO), 3);
    assertThat(only409.pick("GET", false, 1.0)).isEqualTo(KubeFault.NONE);
    assertThat(only409.pick("PUT", false, 1.0)).isEqualTo(KubeFault.CONFLICT_409);
  }

  @Test
  void aRateOfZeroPassesEverything() {
    FaultPicker picker = new FaultPicker(FaultMix.standard(), 3);
    for (int i = 0; i < 1_000; i++) {
      assertThat(picker.pick("DELETE", false, 0)).isEqualTo(KubeFault.NONE);
    }
  }

  private static List<KubeFault> draws(long seed) {
    FaultPicker picker = new FaultPicker(FaultMix.standard(), seed);
    List<KubeFault> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      out.add(picker.pick("PUT", false, 0.3));
    }
    return out;
  }
}
