package io.gridshift.demo.traffic;

/** What a probe operation did. */
public enum OpKind {
  READ,
  WRITE
}
