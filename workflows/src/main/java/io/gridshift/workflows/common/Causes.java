package io.gridshift.workflows.common;

import io.temporal.failure.ApplicationFailure;

/** What a failure's innermost cause says, for messages people read. */
public final class Causes {
  private Causes() {}

  /**
   * The message of the innermost cause of {@code e}; for an {@link ApplicationFailure} its original
   * message (without the type and stack Temporal adds).
   */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof ApplicationFailure a ? a.getOriginalMessage() : t.getMessage();
  }
}
