package io.gridshift.starter.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.workflows.fleet.FleetSpec;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetScheduleRequestTest {
  static final String SPEC_YAML =
      """
      name: weekly
      requestedBy: alice
      clusters:
        - name: east
          labels: {env: prod}
      grids: {kinds: [infinispan]}
      targets:
        infinispan: {version: 15.0.21.Final}
      stages:
        - {name: canary, count: 1}
        - {name: rest, maxParallel: 2}
      """;

  @TempDir Path dir;

  @Test
  void aValidRequestHasNoProblemsAndGetsTheDefaults() throws Exception {
    FleetScheduleRequest request =
        request("fleet-weekly", List.of("0 2 * * SAT"), List.of(), "Europe/Berlin", null, null);
    assertThat(request.problems()).isEmpty();
    FleetScheduleRequest defaulted = request.withDefaults();
    assertThat(defaulted.overlap()).isEqualTo("skip");
    assertThat(FleetScheduleRequest.duration(defaulted.catchupWindow()))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(
            request("x", List.of(), List.of("day_of_week=SAT hour=2"), null, null, null)
                .withDefaults()
                .timeZone())
        .isEqualTo("UTC");
  }

  @Test
  void everyProblemIsListedWithWhatToWriteInstead() throws Exception {
    FleetScheduleRequest request =
        new FleetScheduleRequest(
            "Weekly_Fleet",
            spec(SPEC_YAML.replace("name: weekly", "name: Weekly")),
            List.of("0 25 * * SAT", "0 2 * *"),
            List.of("weekday=SAT"),
            "Mars/Olympus",
            "sometimes",
            "5s",
            true,
            null);
    assertThat(request.problems())
        .anySatisfy(p -> assertThat(p).startsWith("schedule id 'Weekly_Fleet' is not a DNS label"))
        .anySatisfy(p -> assertThat(p).isEqualTo("cron '0 25 * * SAT': hour '25' is not in 0-23"))
        .anySatisfy(p -> assertThat(p).startsWith("cron '0 2 * *' has 4 fields; write 5"))
        .anySatisfy(
            p -> assertThat(p).contains("'weekday=SAT' is not field=value; the fields: [second"))
        .anySatisfy(p -> assertThat(p).startsWith("time zone 'Mars/Olympus' is unknown"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("overlap 'sometimes' is unknown; use one of [skip, buffer-one"))
        .anySatisfy(
            p -> assertThat(p).startsWith("catch-up window '5s' is not a duration of 10s or more"))
        .anySatisfy(p -> assertThat(p).startsWith("--paused needs --note TEXT"))
        .anySatisfy(p -> assertThat(p).startsWith("name 'Weekly' is not a valid fleet name"))
        .hasSize(9);
    assertThat(request("x", List.of(), List.of(), null, null, null).problems())
        .containsExactly(
            "no times: give --cron \"0 2 * * SAT\" or --calendar \"day_of_week=SAT hour=2\"");
  }

  @Test
  void calendarsReadAsTemporalRanges() {
    ScheduleCalendarSpec cal =
        CalendarText.calendar("day_of_week=MON-FRI hour=2,14 minute=0/15 month=JAN");
    assertThat(cal.getDayOfWeek()).containsExactly(new ScheduleRange(1, 5, 1));
    assertThat(cal.getHour())
        .containsExactly(new ScheduleRange(2, 2, 1), new ScheduleRange(14, 14, 1));
    assertThat(cal.getMinutes()).containsExactly(new ScheduleRange(0, 59, 15));
    assertThat(cal.getMonth()).containsExactly(new ScheduleRange(1, 1, 1));
    assertThat(cal.getSeconds()).containsExactly(new ScheduleRange(0));
    assertThat(CalendarText.calendar("day_of_week=7").getDayOfWeek())
        .containsExactly(new ScheduleRange(0));
    assertThat(CalendarText.cronProblems("@every 1h30m")).isEmpty();
    assertThat(CalendarText.cronProblems("0 2 * * sat")).isEmpty();
    assertThat(CalendarText.cronProblems("0 2 * * SATX"))
        .containsExactly(
            "cron '0 2 * * SATX': day_of_week 'SATX' is not in 0-7 or one of [SUN, MON, TUE, WED, THU, FRI, SAT]");
  }

  @Test
  void aSpecFileIsReadFromYamlOrJsonAndAMistakeIsNamed() throws Exception {
    assertThat(spec(SPEC_YAML).stages())
        .extracting(FleetSpec.StageSpec::name)
        .containsExactly("canary", "rest");
    Path json = dir.resolve("fleet.json");
    Files.writeString(
        json,
        "{\"name\": \"j\", \"targets\": {\"hazelcast\": {\"version\": \"5.3.8\"}}, \"stages\": [{\"name\": \"all\"}]}");
    assertThat(FleetSpecs.read(json).name()).isEqualTo("j");
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, SPEC_YAML.replace("maxParallel", "maxParalel"));
    assertThatThrownBy(() -> FleetSpecs.read(typo))
        .hasMessageContaining("unknown field 'maxParalel' (line 11)")
        .hasMessageContaining("maxParallel");
    assertThatThrownBy(() -> FleetSpecs.read(dir.resolve("missing.yaml")))
        .hasMessageEndingWith("missing.yaml does not exist");
  }

  private FleetScheduleRequest request(
      String id,
      List<String> cron,
      List<String> calendars,
      String zone,
      String overlap,
      String catchup)
      throws Exception {
    return new FleetScheduleRequest(
        id, spec(SPEC_YAML), cron, calendars, zone, overlap, catchup, false, null);
  }

  private FleetSpec spec(String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "fleet", ".yaml");
    Files.writeString(file, yaml);
    return FleetSpecs.read(file);
  }
}
