package io.gridshift.demo.bench.paths;

import java.util.List;
import java.util.Map;

/**
 * One row of the upgrade-path matrix.
 *
 * @param modes {@code RUNTIME} and {@code CONFIG} to their results
 * @param issues upstream issues behind the failures seen on this pair
 */
record PathResult(
    String source, String target, Map<String, ModeResult> modes, List<KnownIssue> issues) {}
