package io.gridshift.starter.server.auth;

import java.util.List;

/**
 * A static bearer token of the config file ({@code Authorization: Bearer <token>}), for scripts and
 * bots.
 *
 * @param token the token's SHA-256 as {@code sha256:<64 hex digits>} (a random token needs no slow
 *     hash) or a bcrypt hash; plain text (e.g. {@code ${GRIDSHIFT_CI_TOKEN}}) only where {@code
 *     auth.allowPlainTextSecrets} is true
 * @param name the identity the token stands for (recorded in the audit log)
 * @param roles {@code requester} and/or {@code approver}
 */
public record TokenEntry(String token, String name, List<String> roles) {}
