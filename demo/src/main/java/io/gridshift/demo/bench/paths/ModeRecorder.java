package io.gridshift.demo.bench.paths;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects one run's step outcomes and the first words of each failure, then builds the result. */
final class ModeRecorder {
  private static final int DETAIL_CHARS = 200;
  private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z])");
  private static final Pattern ACTIVITY_MESSAGE = Pattern.compile("message='(.*?)', type=");

  private Status connect = Status.NOT_RUN;
  private Status syncData = Status.NOT_RUN;
  private Status indexedQuery = Status.NOT_RUN;
  private Status verified = Status.NOT_RUN;
  private final Map<Encoding, Status> writeThrough = new EnumMap<>(Encoding.class);
  private final List<String> failures = new ArrayList<>();

  void connect(Status status) {
    connect = status;
  }

  void syncData(Status status) {
    syncData = status;
  }

  void indexedQuery(Status status) {
    indexedQuery = status;
  }

  void verified(Status status) {
    verified = status;
  }

  void writeThrough(Encoding encoding, Status status) {
    writeThrough.put(encoding, status);
  }

  Status writeThrough(Encoding encoding) {
    return writeThrough.getOrDefault(encoding, Status.NOT_RUN);
  }

  /** Records why a step failed: one short clause, newlines and stack traces cut. */
  void failure(String step, String why) {
    failures.add(step + ": " + shorten(why));
  }

  /** One line of at most {@value #DETAIL_CHARS} characters, class names without packages. */
  static String shorten(String why) {
    String line = why == null ? "" : why.replaceAll("\\s+", " ").strip();
    // An activity failure's own message, and class names without their packages: one short line.
    Matcher message = ACTIVITY_MESSAGE.matcher(line);
    if (message.find()) {
      line = message.group(1);
    }
    line = QUALIFIED.matcher(line).replaceAll("$1");
    if (line.length() > DETAIL_CHARS) {
      line = line.substring(0, DETAIL_CHARS) + "...";
    }
    return line;
  }

  ModeResult build() {
    Map<String, Status> writes = new LinkedHashMap<>();
    for (Encoding encoding : Encoding.values()) {
      if (encoding.probedForWriteThrough()) {
        writes.put(encoding.label(), writeThrough(encoding));
      }
    }
    return new ModeResult(
        connect, syncData, writes, indexedQuery, verified, String.join("; ", failures));
  }
}
