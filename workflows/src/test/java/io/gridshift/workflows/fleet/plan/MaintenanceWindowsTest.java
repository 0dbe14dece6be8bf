package io.gridshift.workflows.fleet.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.workflows.fleet.FleetSpec.MaintenanceWindow;
import io.gridshift.workflows.fleet.FleetSpec.WeeklySlot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceWindowsTest {

  // 2026-12-04 is a Friday. Europe/Berlin is UTC+1 in December; in 2026 its clocks go forward on
  // Sunday 2026-03-29 at 01:00Z (02:00 -> 03:00) and back on Sunday 2026-10-25 at 01:00Z.
  private static final MaintenanceWindow FRIDAY_NIGHT =
      window("UTC", List.of(slot(List.of("FRI"), "22:00", "04:00")), List.of());

  @Test
  void noWindowIsAlwaysOpenAndNeverCloses() {
    Instant t = at("2026-12-04T12:00:00Z");
    assertThat(MaintenanceWindows.isOpen(null, t)).isTrue();
    assertThat(MaintenanceWindows.nextOpen(null, t)).isEqualTo(t);
    assertThat(MaintenanceWindows.closesAt(null, t)).isNull();
  }

  @Test
  void aSlotIsReadInTheWindowsTimeZone() {
    List<WeeklySlot> saturdayNight = List.of(slot(List.of("SAT"), "01:00", "05:00"));
    MaintenanceWindow berlin = window("Europe/Berlin", saturdayNight, List.of());
    MaintenanceWindow utc = window(null, saturdayNight, List.of());

    Instant berlin0130 = at("2026-12-05T00:30:00Z");
    assertThat(MaintenanceWindows.isOpen(berlin, berlin0130)).isTrue();
    assertThat(MaintenanceWindows.isOpen(utc, berlin0130)).isFalse();
    assertThat(MaintenanceWindows.isOpen(berlin, at("2026-12-04T23:59:00Z"))).isFalse();
    assertThat(MaintenanceWindows.isOpen(berlin, at("2026-12-05T03:59:00Z"))).isTrue();
    assertThat(MaintenanceWindows.isOpen(berlin, at("2026-12-05T04:00:00Z")))
        .as("the end is excluded")
        .isFalse();
    assertThat(MaintenanceWindows.nextOpen(utc, berlin0130)).isEqualTo(at("2026-12-05T01:00:00Z"));
  }

  @Test
  void anOvernightSlotRunsIntoTheNextDay() {
    assertThat(MaintenanceWindows.isOpen(FRIDAY_NIGHT, at("2026-12-04T21:59:00Z"))).isFalse();
    assertThat(MaintenanceWindows.isOpen(FRIDAY_NIGHT, at("2026-12-04T22:00:00Z"))).isTrue();
    assertThat(MaintenanceWindows.isOpen(FRIDAY_NIGHT, at("2026-12-05T02:00:00Z"))).isTrue();
    assertThat(MaintenanceWindows.isOpen(FRIDAY_NIGHT, at("2026-12-05T04:00:00Z"))).isFalse();
    assertThat(MaintenanceWindows.isOpen(FRIDAY_NIGHT, at("2026-12-05T22:30:00Z")))
        .as("no Saturday slot")
        .isFalse();
    assertThat(MaintenanceWindows.isOpen(FRIDAY_NIGHT, at("2026-12-03T23:00:00Z")))
        .as("Thursday night")
        .isFalse();
    assertThat(MaintenanceWindows.closesAt(FRIDAY_NIGHT, at("2026-12-04T23:00:00Z")))
        .isEqualTo(at("2026-12-05T04:00:00Z"));
    assertThat(MaintenanceWindows.nextOpen(FRIDAY_NIGHT, at("2026-12-05T04:00:00Z")))
        .isEqualTo(at("2026-12-11T22:00:00Z"));
  }

  @Test
  void nextOpenIsTheInstantItselfWhenOpenAndClosesAtIsTheInstantItselfWhenClosed() {
    Instant open = at("2026-12-04T23:00:00Z");
    Instant closed = at("2026-12-04T12:00:00Z");
    assertThat(MaintenanceWindows.nextOpen(FRIDAY_NIGHT, open)).isEqualTo(open);
    assertThat(MaintenanceWindows.closesAt(FRIDAY_NIGHT, closed)).isEqualTo(closed);
    assertThat(MaintenanceWindows.nextOpen(FRIDAY_NIGHT, closed))
        .isEqualTo(at("2026-12-04T22:00:00Z"));
  }

  @Test
  void aSlotWithoutDaysIsOpenEveryDayAndEndEqualToStartLastsADay() {
    MaintenanceWindow officeHours =
        window("UTC", List.of(slot(List.of(), "09:00", "17:00")), List.of());
    for (String day : List.of("2026-12-07", "2026-12-09", "2026-12-12", "2026-12-13")) {
      assertThat(MaintenanceWindows.isOpen(officeHours, at(day + "T12:00:00Z"))).isTrue();
      assertThat(MaintenanceWindows.isOpen(officeHours, at(day + "T17:00:00Z"))).isFalse();
    }
    MaintenanceWindow mondayDay =
        window("UTC", List.of(slot(List.of("mon"), "08:00", "08:00")), List.of());
    assertThat(MaintenanceWindows.isOpen(mondayDay, at("2026-12-08T07:59:00Z"))).isTrue();
    assertThat(MaintenanceWindows.closesAt(mondayDay, at("2026-12-07T08:00:00Z")))
        .isEqualTo(at("2026-12-08T08:00:00Z"));
  }

  @Test
  void adjacentSlotsCloseOnlyWhenTheLastEnds() {
    MaintenanceWindow monday =
        window(
            "UTC",
            List.of(slot(List.of("MON"), "00:00", "12:00"), slot(List.of("MON"), "12:00", "00:00")),
            List.of());
    assertThat(MaintenanceWindows.closesAt(monday, at("2026-12-07T06:00:00Z")))
        .isEqualTo(at("2026-12-08T00:00:00Z"));
  }

  @Test
  void blackoutDatesAndRangesCloseWholeLocalDays() {
    MaintenanceWindow christmas =
        window("Europe/Berlin", List.of(), List.of("2026-12-24..2026-12-26", "2027-01-01"));
    assertThat(MaintenanceWindows.isOpen(christmas, at("2026-12-23T22:59:00Z"))).isTrue();
    assertThat(MaintenanceWindows.isOpen(christmas, at("2026-12-23T23:00:00Z")))
        .as("midnight in Berlin")
        .isFalse();
    assertThat(MaintenanceWindows.isOpen(christmas, at("2026-12-25T12:00:00Z"))).isFalse();
    assertThat(MaintenanceWindows.isOpen(christmas, at("2026-12-26T22:59:00Z"))).isFalse();
    assertThat(MaintenanceWindows.isOpen(christmas, at("2027-01-01T12:00:00Z"))).isFalse();
    assertThat(MaintenanceWindows.nextOpen(christmas, at("2026-12-24T10:00:00Z")))
        .isEqualTo(at("2026-12-26T23:00:00Z"));
    assertThat(MaintenanceWindows.closesAt(christmas, at("2026-12-20T12:00:00Z")))
        .isEqualTo(at("2026-12-23T23:00:00Z"));
  }

  @Test
  void aBlackoutClosesTheOvernightPartOfASlotAndOpensItAtMidnightAfter() {
    MaintenanceWindow saturdayOff = window("UTC", FRIDAY_NIGHT.weekly(), List.of("2026-12-05"));
    assertThat(MaintenanceWindows.isOpen(saturdayOff, at("2026-12-04T23:00:00Z"))).isTrue();
    assertThat(MaintenanceWindows.closesAt(saturdayOff, at("2026-12-04T23:00:00Z")))
        .isEqualTo(at("2026-12-05T00:00:00Z"));
    assertThat(MaintenanceWindows.isOpen(saturdayOff, at("2026-12-05T02:00:00Z"))).isFalse();

    MaintenanceWindow fridayOff = window("UTC", FRIDAY_NIGHT.weekly(), List.of("2026-12-04"));
    assertThat(MaintenanceWindows.nextOpen(fridayOff, at("2026-12-04T21:00:00Z")))
        .as("the slot's Saturday part, after the blacked-out Friday")
        .isEqualTo(at("2026-12-05T00:00:00Z"));
  }

  @Test
  void aWindowWhoseSlotsAllFallOnBlackoutsNeverOpens() {
    MaintenanceWindow never =
        window(
            "UTC",
            List.of(slot(List.of("SAT"), "01:00", "02:00")),
            List.of("2026-01-01..2027-12-31"));
    assertThat(MaintenanceWindows.isOpen(never, at("2026-12-05T01:30:00Z"))).isFalse();
    assertThat(MaintenanceWindows.nextOpen(never, at("2026-12-04T00:00:00Z"))).isNull();
  }

  @Test
  void aSlotStartingInTheSkippedHourOpensWhenTheClockJumps() {
    MaintenanceWindow sunday =
        window("Europe/Berlin", List.of(slot(List.of("SUN"), "02:30", "04:00")), List.of());
    // 02:30 does not exist on 2026-03-29 in Berlin: the clock goes from 01:59:59 CET to 03:00 CEST.
    assertThat(MaintenanceWindows.isOpen(sunday, at("2026-03-29T00:59:00Z"))).isFalse();
    assertThat(MaintenanceWindows.isOpen(sunday, at("2026-03-29T01:00:00Z"))).isTrue();
    assertThat(MaintenanceWindows.nextOpen(sunday, at("2026-03-29T00:00:00Z")))
        .isEqualTo(at("2026-03-29T01:00:00Z"));
    assertThat(MaintenanceWindows.closesAt(sunday, at("2026-03-29T01:00:00Z")))
        .as("04:00 CEST")
        .isEqualTo(at("2026-03-29T02:00:00Z"));
  }

  @Test
  void aTimeOfTheRepeatedHourMeansItsFirstOccurrence() {
    // On 2026-10-25 Berlin's clock reads 02:00-02:59 twice: CEST (00:00-00:59Z), then CET.
    MaintenanceWindow startsTwice =
        window("Europe/Berlin", List.of(slot(List.of("SUN"), "02:30", "03:30")), List.of());
    assertThat(MaintenanceWindows.isOpen(startsTwice, at("2026-10-25T00:29:00Z"))).isFalse();
    assertThat(MaintenanceWindows.isOpen(startsTwice, at("2026-10-25T00:30:00Z"))).isTrue();
    assertThat(MaintenanceWindows.isOpen(startsTwice, at("2026-10-25T01:45:00Z"))).isTrue();
    assertThat(MaintenanceWindows.closesAt(startsTwice, at("2026-10-25T00:30:00Z")))
        .as("03:30 CET: the slot lasts two hours that night")
        .isEqualTo(at("2026-10-25T02:30:00Z"));

    MaintenanceWindow endsTwice =
        window("Europe/Berlin", List.of(slot(List.of("SUN"), "01:00", "02:30")), List.of());
    assertThat(MaintenanceWindows.closesAt(endsTwice, at("2026-10-24T23:00:00Z")))
        .as("the first 02:30 (CEST)")
        .isEqualTo(at("2026-10-25T00:30:00Z"));
    assertThat(MaintenanceWindows.isOpen(endsTwice, at("2026-10-25T01:45:00Z")))
        .as("02:45 the second time round")
        .isFalse();
  }

  @Test
  void anUnreadableWindowIsRefusedNamingTheField() {
    MaintenanceWindow bad =
        window("Mars/Olympus", List.of(slot(List.of("FRIDAY"), "25:00", "4:00")), List.of("soon"));
    assertThatThrownBy(() -> MaintenanceWindows.isOpen(bad, at("2026-12-04T12:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window.timeZone 'Mars/Olympus'")
        .hasMessageContaining("window.weekly[0].days: 'FRIDAY'")
        .hasMessageContaining("window.weekly[0].start '25:00'")
        .hasMessageContaining("window.weekly[0].end '4:00'")
        .hasMessageContaining("window.blackouts[0] 'soon' is not a date");
  }

  static MaintenanceWindow window(String zone, List<WeeklySlot> weekly, List<String> blackouts) {
    return new MaintenanceWindow(zone, weekly, blackouts);
  }

  static WeeklySlot slot(List<String> days, String start, String end) {
    return new WeeklySlot(days, start, end);
  }

  private static Instant at(String text) {
    return Instant.parse(text);
  }
}
