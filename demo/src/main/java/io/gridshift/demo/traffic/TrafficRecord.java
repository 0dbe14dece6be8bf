package io.gridshift.demo.traffic;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What the traffic probe measured: every operation (in {@link #samples()}, for plotting; not
 * serialized) and the failures grouped by message; after {@link TrafficProbe#verify()} also the
 * check of every acknowledged write.
 *
 * @param grid the client's {@link GridOps#describe()}
 * @param runId names the key space {@code probe-<runId>-<n>}
 * @param opsPerSecond the rate asked for
 * @param startedAtMs when the load started, epoch milliseconds
 * @param stoppedAtMs when it stopped, epoch milliseconds
 * @param ops operations run (or failed to run) in that time
 * @param errors operations that did not end {@link Outcome#OK}
 * @param errorGroups failures by kind and message, in order of first appearance
 * @param verification the end-of-run check; {@code null} until {@link TrafficProbe#verify()} ran
 * @param samples every operation, ordered by due time
 */
public record TrafficRecord(
    String grid,
    String runId,
    int opsPerSecond,
    long startedAtMs,
    long stoppedAtMs,
    long ops,
    long errors,
    List<ErrorGroup> errorGroups,
    Verification verification,
    @JsonIgnore List<OpSample> samples) {

  public TrafficRecord {
    errorGroups = List.copyOf(errorGroups);
    samples = List.copyOf(samples);
  }

  static TrafficRecord of(
      String grid,
      String runId,
      int opsPerSecond,
      long startedAtMs,
      long stoppedAtMs,
      List<OpSample> samples,
      List<ErrorGroup> errorGroups) {
    long errors = samples.stream().filter(s -> !s.ok()).count();
    return new TrafficRecord(
        grid,
        runId,
        opsPerSecond,
        startedAtMs,
        stoppedAtMs,
        samples.size(),
        errors,
        errorGroups,
        null,
        samples);
  }

  /** This record with the end-of-run check. */
  TrafficRecord withVerification(Verification verification) {
    return new TrafficRecord(
        grid,
        runId,
        opsPerSecond,
        startedAtMs,
        stoppedAtMs,
        ops,
        errors,
        errorGroups,
        verification,
        samples);
  }

  /** Lost writes found by the check; -1 when the record was not verified (unknown is not 0). */
  @JsonIgnore
  public long lostWrites() {
    return verification == null ? -1 : verification.lostWrites();
  }

  /** Keys the check could not read; -1 when the record was not verified. */
  @JsonIgnore
  public long unreadableKeys() {
    return verification == null ? -1 : verification.unreadableKeys();
  }
}
