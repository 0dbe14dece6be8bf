package io.gridshift.demo.it.badinput;

/**
 * What a front door answered: the HTTP status, the CLI's exit code, or for a workflow 0 when it
 * completed and otherwise -1 with {@link #failureType}; and the text a person reads (the response
 * body, stdout and stderr, the failure's message).
 */
record Outcome(int code, String text, String failureType) {
  Outcome(int code, String text) {
    this(code, text, null);
  }

  static Outcome failure(String type, String message) {
    return new Outcome(-1, message, type);
  }

  /** How the row reads: status, exit code or failure type. */
  String answer() {
    return failureType != null ? failureType : String.valueOf(code);
  }
}
