package io.gridshift.demo.bench.paths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code bench/UPGRADE-PATHS.md}: the matrix as a table, then what failed and why. */
final class PathsMarkdown {
  private PathsMarkdown() {}

  static void write(PathsMatrix matrix, Path file, String args) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Infinispan upgrade paths\n\n")
        .append("Measured ")
        .append(matrix.measured())
        .append(".\nCommand: `bench/upgrade-paths")
        .append(args.isBlank() ? "" : " " + args)
        .append("` (with `--merge true` a run keeps the rows it does not measure).")
        .append(" What the failures mean for the plan, and the upstream issues:")
        .append(" [UPGRADE-PATHS-NOTES.md](UPGRADE-PATHS-NOTES.md).\n\n")
        .append(
            "Each row: a single-node source and a single-node target, real servers on loopback,"
                + " four caches (protostream, text/plain, no encoding, indexed protostream) of"
                + " the same size; connect, one write per encoding through the connected target,"
                + " sync-data, disconnect, verify counts and sampled values, Ickle query on the"
                + " indexed cache. W = write-through protostream/text/unencoded.\n\n")
        .append("| source | target | mode | usable | connect | sync | W proto/text/unenc | query |")
        .append(" verified |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (PathResult path : matrix.paths()) {
      for (Map.Entry<String, ModeResult> mode : path.modes().entrySet()) {
        ModeResult r = mode.getValue();
        md.append("| ")
            .append(path.source())
            .append(" | ")
            .append(path.target())
            .append(" | ")
            .append(mode.getKey())
            .append(" | ")
            .append(r.usable() ? "**yes**" : "no")
            .append(" | ")
            .append(r.connect())
            .append(" | ")
            .append(r.syncData())
            .append(" | ")
            .append(String.join("/", r.writeThrough().values().stream().map(Enum::name).toList()))
            .append(" | ")
            .append(r.indexedQuery())
            .append(" | ")
            .append(r.verified())
            .append(" |\n");
      }
    }
    md.append("\n## What failed and how\n\n");
    for (PathResult path : matrix.paths()) {
      for (Map.Entry<String, ModeResult> mode : path.modes().entrySet()) {
        if (!mode.getValue().detail().isEmpty()) {
          md.append("- ")
              .append(path.source())
              .append(" -> ")
              .append(path.target())
              .append(" ")
              .append(mode.getKey())
              .append(": ")
              .append(mode.getValue().detail().replace("|", "\\|"))
              .append("\n");
        }
      }
      for (KnownIssue issue : path.issues()) {
        md.append("  - upstream: [")
            .append(issue.id())
            .append("](")
            .append(issue.url())
            .append(") ")
            .append(issue.summary())
            .append("\n");
      }
    }
    Files.writeString(file, md.toString());
  }
}
