package io.gridshift.demo.bench;

import java.util.Locale;

/**
 * One timed sync of all caches to a fresh target.
 *
 * @param round 1-based round number
 * @param variant how the caches were synced
 * @param entries entries in the source
 * @param caches caches synced
 * @param seconds first request to last completion
 * @param synced entries the server reported as synchronized (sum over caches)
 * @param targetEntries entries the target holds once disconnected (sum of cache sizes)
 * @param mismatched keys missing or holding another value on the target (-1: not checked)
 * @param targetCpuSeconds CPU time the target's server processes used during the sync
 * @param sourceCpuSeconds CPU time the source's server processes used during the sync
 * @param load1 the machine's one-minute load average just before the sync
 * @param machineBusy share of all cores' time the whole machine was busy during the sync (the
 *     servers, the benchmark and anything else running)
 */
record SyncRoundResult(
    int round,
    SyncVariant variant,
    int entries,
    int caches,
    double seconds,
    long synced,
    long targetEntries,
    long mismatched,
    double targetCpuSeconds,
    double sourceCpuSeconds,
    double load1,
    double machineBusy) {

  double entriesPerSecond() {
    return entries / seconds;
  }

  /** Every entry synced and on the target, no key missing or different. */
  boolean complete() {
    return synced == entries && targetEntries == entries && mismatched <= 0;
  }

  /** CPU the servers used during the sync as a share of all cores' time (1.0 = every core busy). */
  double cpuShare(int cores) {
    return (targetCpuSeconds + sourceCpuSeconds) / (seconds * cores);
  }

  /** The RESULT line the benchmark prints for this round. */
  String line(int cores) {
    return String.format(
        Locale.ROOT,
        "RESULT round=%d variant=%s entries=%d caches=%d seconds=%.2f entries/s=%.0f synced=%d"
            + " target=%d mismatched=%d complete=%s cpu(target)=%.1fs cpu(source)=%.1fs"
            + " cpu-share=%.0f%% machine-busy=%.0f%% load1=%.2f",
        round,
        variant.name(),
        entries,
        caches,
        seconds,
        entriesPerSecond(),
        synced,
        targetEntries,
        mismatched,
        complete(),
        targetCpuSeconds,
        sourceCpuSeconds,
        100 * cpuShare(cores),
        100 * machineBusy,
        load1);
  }
}
