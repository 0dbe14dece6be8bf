package io.gridshift.demo.bench.paths;

import io.gridshift.sandbox.infinispan.InfinispanServer;
import io.gridshift.sandbox.infinispan.InfinispanServerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures every forward Infinispan upgrade path in both connection modes and writes the matrix the
 * upgrade plan reads ({@code upgrade-paths.json}) and its Markdown report.
 *
 * <ol>
 *   <li>for each source version, start one single-node source on {@code 127.0.60.<n>} and register
 *       the bench schema;
 *   <li>for each newer target version and each mode, run a {@link PathRun} (fresh caches on the
 *       source, a fresh single-node target on {@code 127.0.61.<n>}, distinct cluster names);
 *   <li>after each pair, rewrite both outputs, so an interrupted run keeps what it measured.
 * </ol>
 *
 * <p>Options: {@code --sources a,b --targets c,d --modes RUNTIME,CONFIG --entries N --work-dir D
 * --json F --markdown F --machine TEXT --merge true --first-run N --command TEXT} (merge keeps the
 * rows of the existing {@code --json} file that this run does not measure; first-run offsets cache
 * names and target addresses so a second run on the same sources does not reuse names; command
 * replaces the options shown in the Markdown's command line).
 */
public final class UpgradePathsBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(UpgradePathsBenchmark.class);
  static final List<String> SOURCES =
      List.of(
          "10.1.8.Final",
          "12.1.12.Final",
          "13.0.10.Final",
          "14.0.28.Final",
          "15.0.21.Final",
          "15.2.6.Final");
  static final List<String> TARGETS =
      List.of("14.0.28.Final", "15.0.21.Final", "15.2.6.Final", "16.0.7");

  private UpgradePathsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    List<String> sources = list(options, "sources", SOURCES);
    List<String> targets = list(options, "targets", TARGETS);
    List<Mode> modes =
        list(options, "modes", List.of("RUNTIME", "CONFIG")).stream().map(Mode::valueOf).toList();
    int entries = Integer.parseInt(options.getOrDefault("entries", "2000"));
    Path workDir = Path.of(options.getOrDefault("work-dir", ".gridshift/upgrade-paths"));
    Path json = Path.of(options.getOrDefault("json", "upgrade-paths.json"));
    Path markdown = Path.of(options.getOrDefault("markdown", "UPGRADE-PATHS.md"));
    String measured =
        LocalDate.now(ZoneOffset.UTC)
            + " on "
            + options.getOrDefault("machine", Runtime.getRuntime().availableProcessors() + " cores")
            + ", by bench/upgrade-paths";

    // --merge true keeps the rows of an earlier run that this run does not measure again.
    List<PathResult> kept =
        Boolean.parseBoolean(options.getOrDefault("merge", "false")) && Files.exists(json)
            ? PathsMatrix.read(json).paths()
            : List.of();
    String command = options.getOrDefault("command", measuredSelection(options));
    List<PathResult> results = new ArrayList<>();
    int run = Integer.parseInt(options.getOrDefault("first-run", "0"));
    for (int s = 0; s < sources.size(); s++) {
      String sourceVersion = sources.get(s);
      List<String> newer =
          targets.stream().filter(t -> Versions.compare(t, sourceVersion) > 0).toList();
      if (newer.isEmpty()) {
        continue;
      }
      try (InfinispanServer source =
          InfinispanServer.start(sourceSpec(sourceVersion, s, workDir))) {
        if (!source.awaitReady(Duration.ofMinutes(3))) {
          // Every pair of this source is recorded as not run, with the reason.
          ModeRecorder notStarted = new ModeRecorder();
          notStarted.failure("source", source + " did not start; see " + source.logFile());
          for (String targetVersion : newer) {
            Map<String, ModeResult> byMode = new LinkedHashMap<>();
            modes.forEach(m -> byMode.put(m.name(), notStarted.build()));
            results.add(new PathResult(sourceVersion, targetVersion, byMode, List.of()));
          }
          continue;
        }
        try (PathsData sourceData =
            new PathsData(source.bindAddress(), source.port(), sourceVersion)) {
          sourceData.registerSchema();
          for (String targetVersion : newer) {
            Map<String, ModeResult> byMode = new LinkedHashMap<>();
            for (Mode mode : modes) {
              run++;
              long started = System.nanoTime();
              ModeResult result =
                  measure(source, sourceData, targetVersion, mode, run, workDir, entries);
              byMode.put(mode.name(), result);
              LOG.info(
                  "RESULT {} -> {} {}: {} in {} s {}",
                  sourceVersion,
                  targetVersion,
                  mode,
                  result.usable() ? "usable" : "NOT usable",
                  (System.nanoTime() - started) / 1_000_000_000,
                  result);
            }
            results.add(
                new PathResult(
                    sourceVersion,
                    targetVersion,
                    byMode,
                    KnownIssues.matching(targetVersion, byMode)));
            PathsMatrix matrix = new PathsMatrix(measured, merged(kept, results));
            matrix.writeJson(json);
            PathsMarkdown.write(matrix, markdown, command);
          }
        }
      }
    }
    // Once more at the end: with --merge and nothing to measure, this re-derives the kept rows.
    PathsMatrix matrix = new PathsMatrix(measured, merged(kept, results));
    matrix.writeJson(json);
    PathsMarkdown.write(matrix, markdown, command);
    LOG.info(
        "measured {} pairs; {} and {} hold {}",
        results.size(),
        json,
        markdown,
        matrix.paths().size());
    System.exit(0); // the Hot Rod clients' non-daemon threads would keep the JVM alive
  }

  /** Earlier rows not measured again, then this run's, ordered by source and target version. */
  static List<PathResult> merged(List<PathResult> kept, List<PathResult> fresh) {
    List<PathResult> all = new ArrayList<>(fresh);
    for (PathResult old : kept) {
      if (fresh.stream()
          .noneMatch(p -> p.source().equals(old.source()) && p.target().equals(old.target()))) {
        // Issues and detail wording as this version of the bench derives them.
        Map<String, ModeResult> modes = new LinkedHashMap<>();
        old.modes().forEach((mode, result) -> modes.put(mode, result.withShortDetail()));
        all.add(
            new PathResult(
                old.source(), old.target(), modes, KnownIssues.matching(old.target(), modes)));
      }
    }
    all.sort(
        Comparator.<PathResult, String>comparing(PathResult::source, Versions::compare)
            .thenComparing(PathResult::target, Versions::compare));
    return List.copyOf(all);
  }

  private static ModeResult measure(
      InfinispanServer source,
      PathsData sourceData,
      String targetVersion,
      Mode mode,
      int run,
      Path workDir,
      int entries) {
    try {
      return new PathRun(source, sourceData, targetVersion, mode, run, workDir, entries).measure();
    } catch (IOException | RuntimeException e) {
      LOG.warn("run {} ({} {}) failed outside its steps", run, targetVersion, mode, e);
      ModeRecorder failed = new ModeRecorder();
      failed.failure("bench", e.toString());
      return failed.build();
    }
  }

  private static InfinispanServerSpec sourceSpec(String version, int index, Path workDir) {
    String name = "paths-source-" + index;
    return new InfinispanServerSpec(
        version,
        workDir.resolve(name),
        "127.0.60." + (index + 1),
        11222,
        name,
        List.of(),
        7800,
        null,
        Map.of(),
        Map.of());
  }

  /** The options that chose what was measured (not where results and servers went). */
  private static String measuredSelection(Map<String, String> options) {
    List<String> shown = new ArrayList<>();
    options.forEach(
        (key, value) -> {
          if (List.of("sources", "targets", "modes", "entries", "merge").contains(key)) {
            shown.add("--" + key + " " + value);
          }
        });
    return String.join(" ", shown);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException(
            "expected --option value pairs, got '" + args[i] + "'; see the class Javadoc");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static List<String> list(Map<String, String> options, String key, List<String> dflt) {
    String value = options.get(key);
    return value == null ? dflt : Arrays.asList(value.split(","));
  }
}
