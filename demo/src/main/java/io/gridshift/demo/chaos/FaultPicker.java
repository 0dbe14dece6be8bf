package io.gridshift.demo.chaos;

import java.util.Random;

/**
 * Decides, request by request, whether a request gets a fault and which: the pure part of {@link
 * KubeFaultProxy}, apart from the sockets.
 *
 * <ol>
 *   <li>Long-running requests (watches) always pass: a fault there would only test how the client
 *       re-establishes a watch, and a stall or a reset of a stream would bias the rate.
 *   <li>With probability {@code rate} the request gets a fault, otherwise it passes.
 *   <li>The kind is drawn by the mix's weights among the kinds that can happen to this request: a
 *       409 only to a write (a read never conflicts), so a read redraws among the others.
 *   <li>A reset is before or after forwarding with equal chance.
 * </ol>
 *
 * Seeded, so a run with the same seed and the same request order injects the same faults.
 */
final class FaultPicker {
  private final FaultMix mix;
  private final Random random;

  FaultPicker(FaultMix mix, long seed) {
    this.mix = mix;
    this.random = new Random(seed);
  }

  synchronized KubeFault pick(String method, boolean longRunning, double rate) {
    if (longRunning || rate <= 0 || random.nextDouble() >= rate) {
      return KubeFault.NONE;
    }
    double conflict = isWrite(method) ? mix.conflict409() : 0;
    double sum = mix.http500() + conflict + mix.throttle429() + mix.reset() + mix.stall();
    if (sum == 0) {
      return KubeFault.NONE;
    }
    double x = random.nextDouble() * sum;
    if ((x -= mix.http500()) < 0) {
      return KubeFault.HTTP_500;
    }
    if ((x -= conflict) < 0) {
      return KubeFault.CONFLICT_409;
    }
    if ((x -= mix.throttle429()) < 0) {
      return KubeFault.THROTTLE_429;
    }
    if ((x -= mix.reset()) < 0) {
      return random.nextBoolean() ? KubeFault.RESET_BEFORE_FORWARD : KubeFault.RESET_AFTER_FORWARD;
    }
    return KubeFault.STALL;
  }

  static boolean isWrite(String method) {
    return switch (method) {
      case "POST", "PUT", "PATCH", "DELETE" -> true;
      default -> false;
    };
  }
}
