package io.gridshift.demo.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.demo.timeline.FleetLanes;
import io.gridshift.demo.timeline.Sample;
import io.gridshift.demo.timeline.TimelineHtml;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fleet timeline: a lane per cluster, a bar per grid, the stages, the gate, the window. */
class FleetTimelineTest {
  private static final Instant FIRED = Instant.parse(FinishedFleet.T0);
  private static final Instant WINDOW = Instant.parse(FinishedFleet.at(118));

  private final FleetLanes lanes =
      FleetTimeline.of(
          FinishedFleet.completed(),
          List.of("eu-1", "us-1", "ap-1"),
          FIRED,
          WINDOW,
          Instant.parse(FinishedFleet.at(330)),
          List.of(
              new Sample(FIRED.plusSeconds(10), 2.5, true),
              new Sample(FIRED.plusSeconds(11), 0, false)),
          List.of("6 grids upgraded, 1 refused"));

  @Test
  void oneLanePerClusterInOrderEachWithItsGridsAndItsAgent() {
    assertThat(lanes.lanes())
        .extracting(FleetLanes.Lane::name)
        .containsExactly("eu-1", "us-1", "ap-1");
    assertThat(lanes.lanes().get(1).bars()).hasSize(3);
    assertThat(lanes.lanes().get(0).subtitle()).isEqualTo("agent 101@sandbox");

    String html = TimelineHtml.render(lanes);

    assertThat(count(html, "data-lane=\"eu-1\"")).isEqualTo(2);
    assertThat(count(html, "data-lane=\"us-1\"")).isEqualTo(3);
    assertThat(count(html, "data-lane=\"ap-1\"")).isEqualTo(2);
    assertThat(html).contains("data-grid=\"legacy/ledger\"").contains("ledger refused");
  }

  @Test
  void stagesAreDrawnWithTheirBakeAndMarkedWhereTheyStart() {
    String html = TimelineHtml.render(lanes);

    assertThat(count(html, "class=\"stage\"")).isEqualTo(3);
    // canary and half baked after their last grid; rest ended with its last grid.
    assertThat(count(html, "class=\"bake\"")).isEqualTo(2);
    assertThat(html).contains("stage canary").contains("stage half").contains("stage rest");
  }

  @Test
  void theGateTheWindowAndTheScheduleAreMarkers() {
    assertThat(lanes.markers())
        .extracting(m -> m.kind())
        .contains("SCHEDULE_FIRED", "GATE_OPENED", "APPROVED", "WINDOW_OPENS", "STAGE");
    String html = TimelineHtml.render(lanes);

    assertThat(html)
        .contains("approve-half approved by demo")
        .contains("ap-1 window opens (")
        .contains("Asia/Tokyo")
        .contains("schedule fired");
  }

  @Test
  void thePictureSpansFromTheScheduleFiringToTheEnd() {
    assertThat(lanes.start()).isEqualTo(FIRED);
    assertThat(lanes.end()).isEqualTo(Instant.parse(FinishedFleet.at(330)));
  }

  private static int count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
