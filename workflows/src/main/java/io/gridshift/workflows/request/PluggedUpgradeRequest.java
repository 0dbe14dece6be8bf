package io.gridshift.workflows.request;

/**
 * The request of a kind that is not built in: a kind being developed in its own package, or the
 * test kind. It is read, started, listed and shown like a built-in one once its {@link
 * io.gridshift.workflows.kinds.GridKind} is in the registry; a kind that ships moves its record
 * here and into {@link UpgradeRequest}'s permits.
 */
public non-sealed interface PluggedUpgradeRequest extends UpgradeRequest {}
