package io.gridshift.sandbox.traffic;

/** What a probe operation did. */
public enum OpKind {
  READ,
  WRITE
}
