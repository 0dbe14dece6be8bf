package io.gridshift.demo.bench.paths;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One connection mode's outcome for one pair, in the upgrade-path matrix's format: a mode is usable
 * when {@code connect}, {@code syncData} and {@code verified} pass and {@code indexedQuery} did not
 * fail; a failed {@code writeThrough} encoding needs the write pause.
 *
 * @param writeThrough per encoding ({@code protostream}, {@code text}, {@code unencoded})
 * @param detail one line: what failed and how ("" when everything passed)
 */
@JsonPropertyOrder({"connect", "syncData", "writeThrough", "indexedQuery", "verified", "detail"})
record ModeResult(
    Status connect,
    Status syncData,
    Map<String, Status> writeThrough,
    Status indexedQuery,
    Status verified,
    String detail) {

  /** This result with each failure of its detail cut to one short clause. */
  ModeResult withShortDetail() {
    List<String> parts = new ArrayList<>();
    for (String part : detail.split("; ")) {
      int colon = part.indexOf(": ");
      parts.add(
          colon < 0
              ? ModeRecorder.shorten(part)
              : part.substring(0, colon + 2) + ModeRecorder.shorten(part.substring(colon + 2)));
    }
    return new ModeResult(
        connect, syncData, writeThrough, indexedQuery, verified, String.join("; ", parts));
  }

  boolean usable() {
    return connect == Status.PASS
        && syncData == Status.PASS
        && verified == Status.PASS
        && indexedQuery != Status.FAIL;
  }
}
