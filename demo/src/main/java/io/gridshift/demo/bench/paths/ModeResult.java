package io.gridshift.demo.bench.paths;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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

  boolean usable() {
    return connect == Status.PASS
        && syncData == Status.PASS
        && verified == Status.PASS
        && indexedQuery != Status.FAIL;
  }
}
