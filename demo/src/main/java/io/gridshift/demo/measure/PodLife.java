package io.gridshift.demo.measure;

/**
 * What the recorder saw of one pod, in epoch milliseconds (0 = not seen).
 *
 * @param name pod name
 * @param createdMs when it appeared
 * @param readyMs when it turned Ready (its Ready condition's transition time)
 * @param minReadySeconds its workload's minReadySeconds
 * @param terminatingMs when its deletion began (graceful shutdown)
 * @param goneMs when it disappeared from the API
 */
public record PodLife(
    String name,
    long createdMs,
    long readyMs,
    int minReadySeconds,
    long terminatingMs,
    long goneMs) {

  PodLife withReady(long at) {
    return new PodLife(name, createdMs, at, minReadySeconds, terminatingMs, goneMs);
  }

  PodLife withTerminating(long at) {
    return new PodLife(name, createdMs, readyMs, minReadySeconds, at, goneMs);
  }

  PodLife withGone(long at) {
    return new PodLife(name, createdMs, readyMs, minReadySeconds, terminatingMs, at);
  }
}
