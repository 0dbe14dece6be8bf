package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upgrade-path matrix that {@code bench/upgrade-paths} writes is on the classpath, in the
 * shared format, and covers every forward pair of the measured versions in both modes; a partial or
 * hand-edited file fails here rather than in a plan.
 */
class UpgradePathsResourceTest {
  private static final String RESOURCE = "/io/gridshift/workflows/infinispan/upgrade-paths.json";
  private static final List<String> SOURCES =
      List.of(
          "10.1.8.Final",
          "12.1.12.Final",
          "13.0.10.Final",
          "14.0.28.Final",
          "15.0.21.Final",
          "15.2.6.Final");
  private static final List<String> TARGETS =
      List.of("14.0.28.Final", "15.0.21.Final", "15.2.6.Final", "16.0.7");
  private static final List<String> ORDER =
      List.of(
          "10.1.8.Final",
          "12.1.12.Final",
          "13.0.10.Final",
          "14.0.28.Final",
          "15.0.21.Final",
          "15.2.6.Final",
          "16.0.7");
  private static final Set<String> STATUSES = Set.of("PASS", "FAIL", "NOT_RUN");

  private static JsonNode matrix;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in = UpgradePathsResourceTest.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE).isNotNull();
      matrix = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void saysWhenWhereAndHowItWasMeasured() {
    assertThat(matrix.path("measured").asText()).matches("\\d{4}-\\d{2}-\\d{2} on .+, by .+");
  }

  @Test
  void coversEveryForwardPairOnce() {
    List<String> expected = new ArrayList<>();
    for (String source : SOURCES) {
      for (String target : TARGETS) {
        if (ORDER.indexOf(target) > ORDER.indexOf(source)) {
          expected.add(source + " -> " + target);
        }
      }
    }
    List<String> rows = new ArrayList<>();
    matrix
        .path("paths")
        .forEach(p -> rows.add(p.path("source").asText() + " -> " + p.path("target").asText()));

    assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void everyRowHasBothModesInTheContractFormat() {
    for (JsonNode path : matrix.path("paths")) {
      String pair = path.path("source").asText() + " -> " + path.path("target").asText();
      assertThat(iterable(path.path("modes").fieldNames()))
          .as(pair)
          .containsExactly("RUNTIME", "CONFIG");
      for (JsonNode mode : path.path("modes")) {
        for (String step : List.of("connect", "syncData", "indexedQuery", "verified")) {
          assertThat(mode.path(step).asText()).as(pair + " " + step).isIn(STATUSES);
        }
        for (String encoding : List.of("protostream", "text", "unencoded")) {
          assertThat(mode.path("writeThrough").path(encoding).asText())
              .as(pair + " writeThrough " + encoding)
              .isIn(STATUSES);
        }
        assertThat(mode.path("detail").isTextual()).as(pair + " detail").isTrue();
        assertThat(mode.path("detail").asText()).doesNotContain("\n");
      }
      for (JsonNode issue : path.path("issues")) {
        assertThat(issue.path("id").asText()).as(pair).isNotBlank();
        assertThat(issue.path("url").asText()).as(pair).startsWith("https://");
        assertThat(issue.path("summary").asText()).as(pair).isNotBlank();
      }
    }
  }

  @Test
  void aFailedStepIsExplainedInTheDetail() {
    for (JsonNode path : matrix.path("paths")) {
      for (JsonNode mode : path.path("modes")) {
        boolean failed =
            mode.toString().contains("\"FAIL\"") || mode.path("connect").asText().equals("NOT_RUN");
        if (failed) {
          assertThat(mode.path("detail").asText())
              .as(path.path("source").asText() + " -> " + path.path("target").asText())
              .isNotBlank();
        }
      }
    }
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
    return () -> iterator;
  }
}
