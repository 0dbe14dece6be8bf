package io.gridshift.starter.cli;

/** The CLI's exit codes, so scripts can tell failures apart. */
final class ExitCodes {
  static final int OK = 0;

  /** Anything else: unreachable server, a failed dry run, an unexpected server error. */
  static final int FAILED = 1;

  /** The command line itself is wrong (unknown command, missing argument or option). */
  static final int USAGE = 2;

  /** No upgrade with that id. */
  static final int NOT_FOUND = 3;

  /** The upgrade is in the wrong state: already running, gate not open. */
  static final int CONFLICT = 4;

  /** The request is invalid; every problem is printed. */
  static final int INVALID = 5;

  /** The server refused the caller: no or wrong credentials (401), role or four-eyes (403). */
  static final int DENIED = 6;

  /**
   * {@code status --watch}: the upgrade ended unsuccessfully (failed, aborted, needs attention).
   */
  static final int UPGRADE_FAILED = 7;

  /** {@code status --watch}: a gate is open and waits for a person's decision. */
  static final int GATE_OPEN = 8;

  private ExitCodes() {}
}
