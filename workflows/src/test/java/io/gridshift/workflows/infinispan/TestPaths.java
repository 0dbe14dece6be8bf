package io.gridshift.workflows.infinispan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A small upgrade-path matrix for tests ({@code upgrade-paths-test.json}), so that they do not
 * change when the bench re-measures the shipped one.
 */
final class TestPaths {
  static final UpgradePathMatrix MATRIX = load();

  private TestPaths() {}

  /** The decision for a request asking {@code mode} (null: left out). */
  static PathChoice decide(
      String source, String target, ConnectionMode mode, String... needRuntime) {
    return UpgradePaths.decide(
        MATRIX, new PathQuestion(source, target, mode, List.of(needRuntime)));
  }

  /** The decision for {@code request} on {@code source}, as the plan step asks it. */
  static PathChoice forRequest(
      io.gridshift.workflows.request.InfinispanUpgradeRequest request,
      io.gridshift.workflows.infinispan.activities.SourceGrid source) {
    return UpgradePaths.decide(MATRIX, InfinispanPlanner.pathQuestion(request, source));
  }

  private static UpgradePathMatrix load() {
    try (InputStream in = TestPaths.class.getResourceAsStream("upgrade-paths-test.json")) {
      return UpgradePathMatrix.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
