package io.gridshift.starter.server.auth;

import java.util.List;

/**
 * A user of the config file, who signs in with HTTP Basic.
 *
 * @param name the identity recorded in the audit log
 * @param password the password in plain text (put it in an environment variable: {@code
 *     ${GRIDSHIFT_ALICE_PASSWORD}}), or its SHA-256 as {@code sha256:<64 hex digits>}
 * @param roles {@code requester} and/or {@code approver}
 */
public record UserEntry(String name, String password, List<String> roles) {}
