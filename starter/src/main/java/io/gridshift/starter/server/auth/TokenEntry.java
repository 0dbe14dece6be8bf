package io.gridshift.starter.server.auth;

import java.util.List;

/**
 * A static bearer token of the config file ({@code Authorization: Bearer <token>}), for scripts and
 * bots.
 *
 * @param token the token (put it in an environment variable: {@code ${GRIDSHIFT_CI_TOKEN}}), or its
 *     SHA-256 as {@code sha256:<64 hex digits>}
 * @param name the identity the token stands for (recorded in the audit log)
 * @param roles {@code requester} and/or {@code approver}
 */
public record TokenEntry(String token, String name, List<String> roles) {}
