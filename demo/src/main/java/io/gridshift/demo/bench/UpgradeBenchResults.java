package io.gridshift.demo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes {@code bench/RESULTS.md} from what {@code bench/upgrade-demos} measured: the two demos'
 * {@code --report} JSON files and the sync-tuning experiment's output. Every figure is judged
 * against the target the project set for it; nothing here is typed in by hand except the notes
 * file, which is appended as it is.
 *
 * <pre>
 * UpgradeBenchResults --infinispan FILE --hazelcast FILE --sync FILE --entries N --rate R
 *                     --out FILE [--notes FILE] [--command TEXT]
 * </pre>
 */
public final class UpgradeBenchResults {
  static final double MAX_P99_FACTOR = 3.0;
  static final double MAX_OVERHEAD_PERCENT = 5.0;
  static final double MIN_SYNC_SPEEDUP = 1.5;
  static final long REACTION_TARGET_MS = 1000;

  private final Map<String, String> args;

  UpgradeBenchResults(Map<String, String> args) {
    this.args = args;
  }

  public static void main(String[] argv) throws IOException {
    Map<String, String> args = new LinkedHashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    for (String required : List.of("infinispan", "hazelcast", "out", "entries", "rate")) {
      if (!args.containsKey(required)) {
        System.err.println("UpgradeBenchResults: --" + required + " is required");
        System.exit(2);
      }
    }
    Path out = Path.of(args.get("out"));
    Files.writeString(out, new UpgradeBenchResults(args).markdown());
    System.out.println("wrote " + out);
  }

  String markdown() throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode ispn = read(json, "infinispan");
    JsonNode hz = read(json, "hazelcast");
    List<String> sync = args.containsKey("sync") ? lines(Path.of(args.get("sync"))) : List.of();
    StringBuilder md = new StringBuilder();
    md.append("# Results: both upgrades under client traffic, and sync tuning\n\n");
    md.append("Written by `").append(args.getOrDefault("command", "bench/upgrade-demos").strip());
    md.append("` from runs that ended ")
        .append(measuredAt().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
        .append(". See [README.md](README.md) for what each figure means.\n\n");
    md.append("- Machine: ").append(Machine.describe()).append('\n');
    md.append("- Infinispan: 3 pods 14.0.28.Final -> 15.0.21.Final, ")
        .append(args.get("entries"))
        .append(
            " entries in 3 caches (one protostream-encoded), blue-green through the sandbox.\n");
    md.append("- Hazelcast: 3 members 5.3.6 -> 5.3.8, ")
        .append(args.get("entries"))
        .append(" entries in maps with backup-count 1, rolled pod by pod.\n");
    md.append("- Traffic: ")
        .append(args.get("rate"))
        .append(" ops/s through each grid's Service (half reads, half writes), from a baseline")
        .append(" before the upgrade to its end; every acknowledged write re-read at the end.\n");
    md.append(
        "- Gates: approved at once by `--yes` (gate time is excluded from the overhead).\n\n");

    md.append("## Against the targets\n\n");
    md.append("| figure | target | Infinispan | Hazelcast |\n|---|---|---|---|\n");
    row(
        md,
        "upgrade status",
        "COMPLETED",
        ispn.path("status").asText(),
        hz.path("status").asText());
    row(
        md,
        "client errors",
        "0",
        judgeZero(traffic(ispn, "errors")),
        judgeZero(traffic(hz, "errors")));
    row(
        md,
        "lost writes",
        "0",
        judgeZero(traffic(ispn, "lostWrites")),
        judgeZero(traffic(hz, "lostWrites")));
    row(md, "p99 during / baseline", "<= 3x", p99Factor(ispn), p99Factor(hz));
    row(md, "orchestration overhead", "<= 5 %", overhead(ispn), overhead(hz));
    row(md, "reaction to a ready pod / safe cluster", "about 1 s", reaction(ispn), reaction(hz));
    md.append('\n');
    md.append("Sync tuning (tuned over default, median seconds): **")
        .append(syncSpeedup(sync))
        .append("** (target >= ")
        .append(MIN_SYNC_SPEEDUP)
        .append("x; details below).\n\n");

    grid(md, "Infinispan", ispn);
    grid(md, "Hazelcast", hz);

    md.append("## Sync-data: the operator's way against tuned\n\n");
    if (sync.isEmpty()) {
      md.append("Not run (`--skip-sync`).\n\n");
    } else {
      md.append("`bench/sync-tuning` output (RESULT per round, SUMMARY per variant):\n\n```\n");
      sync.stream()
          .filter(l -> l.startsWith("RESULT") || l.startsWith("SUMMARY") || l.startsWith("sync"))
          .forEach(l -> md.append(l).append('\n'));
      md.append("```\n\n");
    }
    if (args.containsKey("notes") && Files.exists(Path.of(args.get("notes")))) {
      md.append(Files.readString(Path.of(args.get("notes"))).strip()).append('\n');
    }
    return md.toString();
  }

  /** When the last report was written (its file's time), or now when there is none. */
  private ZonedDateTime measuredAt() throws IOException {
    ZonedDateTime latest = null;
    for (String name : List.of("infinispan", "hazelcast", "sync")) {
      Path file = args.containsKey(name) ? Path.of(args.get(name)) : null;
      if (file != null && Files.exists(file)) {
        ZonedDateTime at = Files.getLastModifiedTime(file).toInstant().atZone(ZoneOffset.UTC);
        latest = latest == null || at.isAfter(latest) ? at : latest;
      }
    }
    return latest != null ? latest : ZonedDateTime.now(ZoneOffset.UTC);
  }

  private JsonNode read(ObjectMapper json, String name) throws IOException {
    Path file = Path.of(args.get(name));
    if (!Files.exists(file)) {
      return json.createObjectNode().put("status", "NO REPORT (the demo did not finish)");
    }
    return json.readTree(file.toFile());
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private static void row(StringBuilder md, String figure, String target, String a, String b) {
    md.append("| ").append(figure).append(" | ").append(target).append(" | ");
    md.append(a).append(" | ").append(b).append(" |\n");
  }

  private static JsonNode traffic(JsonNode report, String field) {
    return report.path("traffic").path(field);
  }

  private static String judgeZero(JsonNode value) {
    if (value.isMissingNode()) {
      return "not measured";
    }
    return value.asLong() + (value.asLong() == 0 ? " (met)" : " (**missed**)");
  }

  private static String p99Factor(JsonNode report) {
    JsonNode latency = report.path("traffic").path("latencyMs");
    if (latency.isMissingNode()) {
      return "not measured";
    }
    double baseline = latency.path("baseline").path("p99").asDouble();
    double during = latency.path("during").path("p99").asDouble();
    double factor = baseline <= 0 ? Double.NaN : during / baseline;
    return String.format(
        Locale.ROOT,
        "%.2f / %.2f ms = %.2fx (%s)",
        during,
        baseline,
        factor,
        factor <= MAX_P99_FACTOR ? "met" : "**missed**");
  }

  private static String overhead(JsonNode report) {
    JsonNode o = report.path("overhead");
    if (o.isMissingNode()) {
      return "not measured";
    }
    double percent = o.path("overheadPercent").asDouble();
    return String.format(
        Locale.ROOT,
        "%.1f s of %.1f s = %.1f %% (%s)",
        o.path("overheadMs").asLong() / 1000.0,
        (o.path("wallMs").asLong() - o.path("gateWaitMs").asLong() - o.path("pausedMs").asLong())
            / 1000.0,
        percent,
        percent <= MAX_OVERHEAD_PERCENT ? "met" : "**missed**");
  }

  private static String reaction(JsonNode report) {
    List<Long> ms = new ArrayList<>();
    report.path("overhead").path("reactionMs").forEach(n -> ms.add(n.asLong()));
    if (ms.isEmpty()) {
      return "not measured";
    }
    List<Long> sorted = ms.stream().sorted().toList();
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    long max = sorted.get(n - 1);
    return String.format(
        Locale.ROOT,
        "median %.0f ms, max %d ms over %d waits (%s)",
        median,
        max,
        ms.size(),
        median <= REACTION_TARGET_MS ? "met" : "**missed**");
  }

  /** The tuned variant's speedup from the SUMMARY lines, judged. */
  static String syncSpeedup(List<String> sync) {
    for (String line : sync) {
      if (line.startsWith("SUMMARY variant=tuned")) {
        String speedup = field(line, "speedup=").replace("x", "");
        double value = Double.parseDouble(speedup);
        return speedup + "x (" + (value >= MIN_SYNC_SPEEDUP ? "met" : "missed") + ")";
      }
    }
    return "not measured";
  }

  private static String field(String line, String name) {
    int at = line.indexOf(name);
    if (at < 0) {
      return "";
    }
    int end = line.indexOf(' ', at);
    return line.substring(at + name.length(), end < 0 ? line.length() : end);
  }

  private static void grid(StringBuilder md, String name, JsonNode report) {
    md.append("## ").append(name).append("\n\n");
    JsonNode t = report.path("traffic");
    if (!t.isMissingNode()) {
      md.append(
          String.format(
              Locale.ROOT,
              "Traffic: %d operations, %d errors, %d lost writes, %d keys unreadable at the end.%n%n",
              t.path("ops").asLong(),
              t.path("errors").asLong(),
              t.path("lostWrites").asLong(),
              t.path("unreadableKeys").asLong()));
      md.append("| latency ms | operations | p50 | p99 | max |\n|---|---:|---:|---:|---:|\n");
      for (String window : List.of("baseline", "during")) {
        JsonNode p = t.path("latencyMs").path(window);
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %.2f | %.2f | %.2f |%n",
                window,
                p.path("ops").asLong(),
                p.path("p50").asDouble(),
                p.path("p99").asDouble(),
                p.path("max").asDouble()));
      }
      md.append('\n');
      if (t.path("errorsByStep").size() > 0) {
        md.append("Errors by step: ").append(entries(t.path("errorsByStep"), false)).append("\n\n");
      }
    }
    JsonNode o = report.path("overhead");
    if (!o.isMissingNode()) {
      md.append(
          String.format(
              Locale.ROOT,
              "Time: %.1f s wall, %.1f s at gates, %.1f s irreducible waits (%s), overhead %.1f s"
                  + " (%.1f %%). Reaction gaps, ms: %s.%n%n",
              o.path("wallMs").asLong() / 1000.0,
              o.path("gateWaitMs").asLong() / 1000.0,
              o.path("irreducibleMs").asLong() / 1000.0,
              entries(o.path("irreducibleByKind"), true),
              o.path("overheadMs").asLong() / 1000.0,
              o.path("overheadPercent").asDouble(),
              o.path("reactionMs").toString()));
    }
    md.append("Steps:\n\n| step | status | seconds |\n|---|---|---:|\n");
    for (JsonNode s : report.path("steps")) {
      md.append("| ")
          .append(s.path("name").asText())
          .append(" | ")
          .append(s.path("status").asText())
          .append(" | ")
          .append(seconds(s))
          .append(" |\n");
    }
    md.append('\n');
  }

  /** {@code key value, ...}; with {@code millis} the values are milliseconds shown as seconds. */
  private static String entries(JsonNode object, boolean millis) {
    List<String> parts = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      JsonNode v = e.getValue();
      String value =
          millis ? String.format(Locale.ROOT, "%.1f s", v.asLong() / 1000.0) : v.asText();
      parts.add(e.getKey() + " " + value);
    }
    return parts.stream().collect(Collectors.joining(", "));
  }

  private static String seconds(JsonNode step) {
    String start = step.path("startedAt").asText(null);
    String end = step.path("endedAt").asText(null);
    if (start == null || end == null || start.isEmpty() || end.isEmpty()) {
      return "";
    }
    long ms =
        java.time.Duration.between(java.time.Instant.parse(start), java.time.Instant.parse(end))
            .toMillis();
    return String.format(Locale.ROOT, "%.1f", ms / 1000.0);
  }

  /** What the machine is, from /proc and the JVM. */
  static final class Machine {
    private Machine() {}

    static String describe() {
      String cpu = grep(Path.of("/proc/cpuinfo"), "model name");
      String mem = grep(Path.of("/proc/meminfo"), "MemTotal").replace(" kB", "");
      if (!mem.isEmpty()) {
        mem = String.format(Locale.ROOT, "%.0f GB", Long.parseLong(mem.trim()) / 1024.0 / 1024.0);
      }
      return Runtime.getRuntime().availableProcessors()
          + " cores"
          + (cpu.isEmpty() ? "" : " (" + cpu + ")")
          + (mem.isEmpty() ? "" : ", " + mem + " memory")
          + ", Java "
          + System.getProperty("java.version")
          + ", "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.version");
    }

    private static String grep(Path file, String key) {
      try {
        return Files.readAllLines(file).stream()
            .filter(l -> l.startsWith(key))
            .map(l -> l.substring(l.indexOf(':') + 1).trim())
            .findFirst()
            .orElse("");
      } catch (IOException e) {
        return "";
      }
    }
  }
}
