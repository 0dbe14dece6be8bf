package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.Versions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The matrix resource: the shipped one reads, and the rules read it the way the contract says. */
class UpgradePathMatrixTest {

  @Test
  void theShippedMatrixParsesAndEveryRowNamesKnownReleasesOnce() {
    UpgradePathMatrix shipped = UpgradePathMatrix.shipped();

    assertThat(shipped.measured()).matches("\\d{4}-\\d{2}-\\d{2} .+");
    assertThat(shipped.paths()).isNotEmpty();
    Set<String> pairs = new HashSet<>();
    for (UpgradePath row : shipped.paths()) {
      assertThat(InfinispanReleases.CATALOG.contains(row.source()))
          .as("source %s is a known release", row.source())
          .isTrue();
      assertThat(InfinispanReleases.CATALOG.contains(row.target()))
          .as("target %s is a known release", row.target())
          .isTrue();
      assertThat(Versions.compare(row.target(), row.source())).isPositive();
      assertThat(pairs.add(row.families())).as("one row for %s", row.families()).isTrue();
      row.issues().forEach(i -> assertThat(i.id()).isNotBlank());
    }
  }

  @Test
  void usableNeedsConnectSyncAndVerifiedPassAndNoFailedQuery() {
    PathResult pass =
        new PathResult(
            PathStatus.PASS, PathStatus.PASS, null, PathStatus.NOT_RUN, PathStatus.PASS, null);
    PathResult queryFails =
        new PathResult(
            PathStatus.PASS, PathStatus.PASS, null, PathStatus.FAIL, PathStatus.PASS, "q");
    PathResult notVerified =
        new PathResult(PathStatus.PASS, PathStatus.PASS, null, null, PathStatus.NOT_RUN, null);

    assertThat(pass.usable()).isTrue();
    assertThat(queryFails.usable()).isFalse();
    assertThat(queryFails.failed()).isTrue();
    assertThat(notVerified.usable()).isFalse();
    assertThat(notVerified.failed()).isFalse();
  }

  @Test
  void rowsAreMatchedByMajorMinorFamily() {
    assertThat(TestPaths.MATRIX.row("14.0.21.Final", "15.0.2.Final"))
        .get()
        .extracting(UpgradePath::target)
        .isEqualTo("15.0.21.Final");
    assertThat(TestPaths.MATRIX.row("14.0.28.Final", "15.1.7.Final")).isEmpty();
  }

  @Test
  void writeThroughIsReadPerCacheEncoding() {
    WriteThroughResults w =
        new WriteThroughResults(PathStatus.FAIL, PathStatus.PASS, PathStatus.NOT_RUN);

    assertThat(w.forMediaType("application/x-protostream")).isEqualTo(PathStatus.FAIL);
    assertThat(w.forMediaType("application/x-protostream; type=foo")).isEqualTo(PathStatus.FAIL);
    assertThat(w.forMediaType("text/plain; charset=UTF-8")).isEqualTo(PathStatus.PASS);
    assertThat(w.forMediaType(null)).isEqualTo(PathStatus.NOT_RUN);
    assertThat(w.forMediaType("application/unknown")).isEqualTo(PathStatus.NOT_RUN);
    assertThat(new WriteThroughResults(null, null, PathStatus.PASS).forMediaType(null))
        .isEqualTo(PathStatus.PASS);
    assertThat(w.forMediaType("application/x-java-object")).isEqualTo(PathStatus.NOT_RUN);
  }
}
