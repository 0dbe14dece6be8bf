package io.gridshift.demo.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A half-open span of time {@code [startMs, endMs)} in epoch milliseconds. */
public record Interval(long startMs, long endMs) {

  public Interval {
    if (endMs < startMs) {
      endMs = startMs;
    }
  }

  long length() {
    return endMs - startMs;
  }

  Interval clip(Interval window) {
    return new Interval(Math.max(startMs, window.startMs), Math.min(endMs, window.endMs));
  }

  /** The total length covered by {@code intervals}, overlaps counted once. */
  static long unionLength(List<Interval> intervals) {
    return union(intervals).stream().mapToLong(Interval::length).sum();
  }

  /** The intervals merged where they overlap or touch, sorted. */
  static List<Interval> union(List<Interval> intervals) {
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.removeIf(i -> i.length() <= 0);
    sorted.sort(Comparator.comparingLong(Interval::startMs));
    List<Interval> merged = new ArrayList<>();
    for (Interval i : sorted) {
      Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && i.startMs <= last.endMs) {
        merged.set(merged.size() - 1, new Interval(last.startMs, Math.max(last.endMs, i.endMs)));
      } else {
        merged.add(i);
      }
    }
    return merged;
  }

  /** {@code intervals} with every part that lies in {@code cut} removed. */
  static List<Interval> minus(List<Interval> intervals, List<Interval> cut) {
    List<Interval> result = new ArrayList<>();
    List<Interval> holes = union(cut);
    for (Interval i : union(intervals)) {
      long start = i.startMs;
      for (Interval hole : holes) {
        if (hole.endMs <= start || hole.startMs >= i.endMs) {
          continue;
        }
        if (hole.startMs > start) {
          result.add(new Interval(start, hole.startMs));
        }
        start = Math.max(start, hole.endMs);
      }
      if (start < i.endMs) {
        result.add(new Interval(start, i.endMs));
      }
    }
    return result;
  }
}
