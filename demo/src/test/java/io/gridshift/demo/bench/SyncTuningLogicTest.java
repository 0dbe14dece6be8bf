package io.gridshift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyncTuningLogicTest {
  private static final SyncVariant DEFAULT = SyncVariant.parse("default", 1000, 16);
  private static final SyncVariant TUNED = SyncVariant.parse("tuned", 1000, 16);

  @Test
  void defaultSendsNoParametersAndSyncsCachesOneByOne() {
    assertThat(DEFAULT.query()).isEqualTo("?action=sync-data");
    assertThat(DEFAULT.parallel()).isFalse();
  }

  @Test
  void tunedSendsReadBatchAndThreadsAndSyncsCachesAtOnce() {
    assertThat(TUNED.query()).isEqualTo("?action=sync-data&read-batch=1000&threads=16");
    assertThat(TUNED.parallel()).isTrue();
    assertThat(SyncVariant.parse("tuned", 500, 4).query())
        .isEqualTo("?action=sync-data&read-batch=500&threads=4");
  }

  @Test
  void customVariantsSetOnlyWhatTheyName() {
    SyncVariant parThreads = SyncVariant.parse("par/t8", 1000, 16);
    assertThat(parThreads.query()).isEqualTo("?action=sync-data&threads=8");
    assertThat(parThreads.parallel()).isTrue();
    SyncVariant seqBatch = SyncVariant.parse("seq/rb500", 1000, 16);
    assertThat(seqBatch.query()).isEqualTo("?action=sync-data&read-batch=500");
    assertThat(seqBatch.parallel()).isFalse();
    assertThatThrownBy(() -> SyncVariant.parse("fast", 1000, 16))
        .hasMessageContaining("'fast'")
        .hasMessageContaining("seq|par");
  }

  @Test
  void optionsDefaultToTheIssueSizeAndAlternateDefaultAndTuned() {
    SyncTuningOptions options = SyncTuningOptions.parse();
    assertThat(options.entries()).isEqualTo(400_000);
    assertThat(options.caches()).isEqualTo(4);
    assertThat(options.targetNodes()).isEqualTo(2);
    assertThat(options.variants()).containsExactly(DEFAULT, TUNED);
  }

  @Test
  void entriesAreSplitEvenlyAndAddUp() {
    SyncTuningOptions options =
        SyncTuningOptions.parse("--entries", "10", "--caches", "4", "--read-batch", "50");
    assertThat(options.cacheNames()).containsExactly("sync-0", "sync-1", "sync-2", "sync-3");
    assertThat(List.of(0, 1, 2, 3).stream().map(options::entriesOf)).containsExactly(3, 3, 2, 2);
    assertThat(options.variants().get(1).readBatch()).isEqualTo(50);
  }

  @Test
  void badArgumentsSayWhatIsWrong() {
    assertThatThrownBy(() -> SyncTuningOptions.parse("--entries", "0"))
        .hasMessageContaining("--entries must be at least 1");
    assertThatThrownBy(() -> SyncTuningOptions.parse("--threads"))
        .hasMessageContaining("--threads needs a value");
    assertThatThrownBy(() -> SyncTuningOptions.parse("--speed", "2"))
        .hasMessageContaining("unknown argument --speed");
    assertThatThrownBy(() -> SyncTuningOptions.parse("--rounds", "100"))
        .hasMessageContaining("254 loopback addresses");
  }

  @Test
  void speedupIsTheRatioOfMedians() {
    List<SyncRoundResult> results =
        List.of(
            round(DEFAULT, 10),
            round(TUNED, 5),
            round(DEFAULT, 12),
            round(TUNED, 6),
            round(DEFAULT, 30),
            round(TUNED, 4));
    assertThat(SyncSummary.medianSeconds(results, DEFAULT)).isEqualTo(12);
    assertThat(SyncSummary.medianSeconds(results, TUNED)).isEqualTo(5);
    assertThat(SyncSummary.speedup(results, DEFAULT, TUNED)).isEqualTo(2.4);
    assertThat(SyncSummary.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(SyncSummary.lines(results, List.of(DEFAULT, TUNED)).get(1))
        .contains("variant=tuned")
        .contains("median=5.00s")
        .contains("speedup=2.40x")
        .contains("complete=true");
  }

  @Test
  void aRoundIsCompleteOnlyWhenEveryEntryArrivedIntact() {
    assertThat(round(TUNED, 5).complete()).isTrue();
    assertThat(new SyncRoundResult(1, TUNED, 100, 4, 5, 100, 99, 1, 0, 0, 0, 0).complete())
        .isFalse();
    assertThat(new SyncRoundResult(1, TUNED, 100, 4, 5, 98, 100, 0, 0, 0, 0, 0).complete())
        .isFalse();
    assertThat(new SyncRoundResult(1, TUNED, 100, 4, 5, 100, 100, 3, 0, 0, 0, 0).complete())
        .isFalse();
  }

  @Test
  void valuesHaveTheirSizeAndDifferPerKey() {
    assertThat(SyncData.value("sync-0", 7, 100)).hasSize(100).startsWith("sync-0-7:");
    assertThat(SyncData.value("sync-0", 7, 4)).isEqualTo("sync");
    assertThat(SyncData.value("sync-0", 7, 100)).isNotEqualTo(SyncData.value("sync-0", 8, 100));
  }

  @Test
  void cpuTicksComeFromUtimeAndStimeEvenWithSpacesInTheName() {
    String stat = "4242 (java thing) S 1 2 3 4 5 6 7 8 9 10 1500 250 0 0 20 0 40 0";
    assertThat(SyncMachine.parseCpuTicks(stat)).isEqualTo(1750);
  }

  @Test
  void machineBusyCountsEverythingButIdleAndIowait() {
    String cpu = "cpu  700 100 200 800 100 50 50 0 0 0";
    assertThat(SyncMachine.parseMachineTicks(cpu)).containsExactly(1100, 2000);
  }

  @Test
  void targetCachesReadThroughARemoteStoreToTheSource() {
    assertThat(SyncRound.cacheConfig("sync-1", null))
        .isEqualTo("{\"distributed-cache\":{\"mode\":\"SYNC\",\"owners\":2,\"statistics\":true}}");
    assertThat(SyncRound.cacheConfig("sync-1", "127.0.50.1"))
        .contains("\"remote-store\":{\"cache\":\"sync-1\"")
        .contains("\"raw-values\":true")
        .contains("\"host\":\"127.0.50.1\",\"port\":11222");
  }

  private static SyncRoundResult round(SyncVariant variant, double seconds) {
    return new SyncRoundResult(1, variant, 100, 4, seconds, 100, 100, 0, 1, 1, 0.5, 0.9);
  }
}
