package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.demo.traffic.TrafficRecord;

/** What both end-to-end upgrades promise the client that kept working through them. */
final class ZeroDowntime {
  private ZeroDowntime() {}

  /** The probe ran, saw no error, and every write it saw acknowledged reads back. */
  static void assertNoErrorsAndNothingLost(TrafficRecord traffic) {
    assertThat(traffic.ops()).isGreaterThan(0);
    assertThat(traffic.errors()).as("client errors: %s", traffic.errorGroups()).isZero();
    assertThat(traffic.lostWrites()).as("%s", traffic.verification()).isZero();
    assertThat(traffic.unreadableKeys()).isZero();
  }
}
