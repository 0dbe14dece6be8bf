package io.gridshift.workflows.common;

/**
 * A pause, resume or abort request.
 *
 * @param by who asks (required)
 * @param comment why
 */
public record OperatorAction(String by, String comment) {}
