package io.gridshift.demo.bench;

import io.gridshift.demo.traffic.GridOps;

/**
 * A client whose address moves from source to target at once, as clients behind a Service do when
 * switch-traffic changes its selector (new connections only: {@link #reconnect} takes the new
 * address, as the application reconnects before resuming writes).
 */
final class SwitchableOps implements GridOps {
  private final GridOps source;
  private final GridOps target;
  private volatile boolean switched;

  SwitchableOps(GridOps source, GridOps target) {
    this.source = source;
    this.target = target;
  }

  /** From now on every operation goes to the target. */
  void switchToTarget() {
    switched = true;
  }

  private GridOps current() {
    return switched ? target : source;
  }

  @Override
  public void put(String key, String value) throws Exception {
    current().put(key, value);
  }

  @Override
  public String get(String key) throws Exception {
    return current().get(key);
  }

  @Override
  public void reconnect() {
    current().reconnect();
  }

  @Override
  public String describe() {
    return "source " + source.describe() + ", then target " + target.describe();
  }

  @Override
  public void close() throws Exception {
    source.close();
    target.close();
  }
}
