package io.gridshift.workflows.testing;

import io.gridshift.workflows.common.Notification;
import io.gridshift.workflows.common.NotificationActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records the notifications it receives; fails every call while {@link #failing} is set. */
public class FakeNotifications implements NotificationActivities {
  /** The notifications delivered, in order. */
  public final List<Notification> received = new CopyOnWriteArrayList<>();

  /** Every call, the failed ones included. */
  public final AtomicInteger calls = new AtomicInteger();

  /** While set, every call fails as a webhook that cannot be reached does. */
  public volatile boolean failing;

  @Override
  public void notify(Notification notification) {
    calls.incrementAndGet();
    if (failing) {
      throw new IllegalStateException("webhook down (test)");
    }
    received.add(notification);
  }
}
