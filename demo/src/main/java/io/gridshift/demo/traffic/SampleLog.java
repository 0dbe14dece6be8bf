package io.gridshift.demo.traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every probe operation's sample, and the failures grouped by kind and message (numbers in the
 * message ignored). The first failure of each group is logged at WARN and its message kept in full;
 * the rest are counted. Distinct messages are capped (messages can carry ids and addresses): past
 * the cap, a kind's failures are counted in one group per kind.
 */
final class SampleLog {
  private static final Logger LOG = LoggerFactory.getLogger(SampleLog.class);
  static final int MAX_GROUPS = 50;
  static final int MAX_MESSAGE = 2_000;
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private final String runId;
  private final List<OpSample> samples = new ArrayList<>();
  private final Map<String, ErrorGroup> groups = new LinkedHashMap<>();
  private final AtomicLong ops = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  SampleLog(String runId) {
    this.runId = runId;
  }

  void ok(long dueEpochMs, long latencyMicros, OpKind kind) {
    add(new OpSample(dueEpochMs, latencyMicros, kind, Outcome.OK, null));
  }

  void failed(
      long dueEpochMs,
      long latencyMicros,
      OpKind kind,
      Outcome outcome,
      String errorKind,
      String message) {
    add(new OpSample(dueEpochMs, latencyMicros, kind, outcome, errorKind));
    errors.incrementAndGet();
    group(dueEpochMs, kind, errorKind, message);
  }

  private synchronized void add(OpSample sample) {
    samples.add(sample);
    ops.incrementAndGet();
  }

  private synchronized void group(long epochMs, OpKind op, String kind, String message) {
    String text = message == null ? "(no message)" : message;
    if (text.length() > MAX_MESSAGE) {
      text = text.substring(0, MAX_MESSAGE) + "...";
    }
    // Numbers (keys, message ids, ports, timings) differ between failures of one cause.
    String id = kind + "\n" + DIGITS.matcher(text).replaceAll("N");
    if (!groups.containsKey(id) && groups.size() >= MAX_GROUPS) {
      id = kind + "\n(further distinct messages not kept)";
      text = "(further distinct messages not kept)";
    }
    ErrorGroup known = groups.get(id);
    if (known == null) {
      LOG.warn("traffic probe {}: {} failed: {}: {} (further ones counted)", runId, op, kind, text);
      groups.put(id, new ErrorGroup(kind, text, 1, epochMs, epochMs));
    } else {
      groups.put(
          id,
          new ErrorGroup(
              kind,
              known.message(),
              known.count() + 1,
              Math.min(known.firstEpochMs(), epochMs),
              Math.max(known.lastEpochMs(), epochMs)));
    }
  }

  long ops() {
    return ops.get();
  }

  long errors() {
    return errors.get();
  }

  /** The samples so far, ordered by due time. */
  synchronized List<OpSample> samples() {
    List<OpSample> copy = new ArrayList<>(samples);
    copy.sort(Comparator.comparingLong(OpSample::startEpochMs));
    return copy;
  }

  /** The error groups so far, in order of first appearance. */
  synchronized List<ErrorGroup> groups() {
    return List.copyOf(groups.values());
  }
}
