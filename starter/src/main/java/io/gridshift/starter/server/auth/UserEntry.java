package io.gridshift.starter.server.auth;

import java.util.List;

/**
 * A user of the config file, who signs in with HTTP Basic.
 *
 * @param name the identity recorded in the audit log
 * @param password its bcrypt hash, {@code bcrypt:$2a$12$...} from {@code ./gridshift hash-password}
 *     (usually from an environment variable: {@code ${GRIDSHIFT_ALICE_PASSWORD}}); plain text only
 *     where {@code auth.allowPlainTextSecrets} is true
 * @param roles {@code requester} and/or {@code approver}
 */
public record UserEntry(String name, String password, List<String> roles) {}
