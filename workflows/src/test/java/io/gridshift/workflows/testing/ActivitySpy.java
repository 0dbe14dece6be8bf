package io.gridshift.workflows.testing;

import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

/**
 * Mockito on top of a fake, for tests that verify calls ({@code verify}, {@code inOrder}) or make
 * one call answer differently. The fake answers every call; a test sets the fake's state through
 * its setters, and stubs a sequence of answers, a failure or an answer that depends on the
 * arguments with {@code doReturn/doAnswer/doThrow(...).when(spy).call(...)}. Never {@code
 * when(spy.call(...))}: that calls the fake, with null arguments.
 */
public final class ActivitySpy {
  private ActivitySpy() {}

  /**
   * A mock of {@code activities} whose calls go to {@code fake}. It carries no annotations, so
   * Temporal registers it as an implementation of {@code activities} (not as an interface).
   */
  public static <T> T on(Class<T> activities, T fake) {
    return mock(activities, withSettings().withoutAnnotations().defaultAnswer(delegatesTo(fake)));
  }
}
