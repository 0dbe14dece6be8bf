package io.gridshift.starter.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code auth} section of the server config: users (HTTP Basic) and static bearer tokens, each
 * with roles. Every {@code /api} call needs one of them; there is no anonymous access. Passwords
 * are bcrypt hashes and tokens sha256 or bcrypt hashes ({@link Secrets}); plain text only with
 * {@code allowPlainTextSecrets: true}, for sandboxes and tests.
 */
public class AuthSettings {
  @JsonProperty private String realm = "gridshift";
  @JsonProperty private List<UserEntry> users = new ArrayList<>();
  @JsonProperty private List<TokenEntry> tokens = new ArrayList<>();
  @JsonProperty private boolean allowPlainTextSecrets = false;

  public AuthSettings() {}

  public AuthSettings(List<UserEntry> users, List<TokenEntry> tokens) {
    this.users = new ArrayList<>(users);
    this.tokens = new ArrayList<>(tokens);
  }

  public String realm() {
    return realm;
  }

  public List<UserEntry> users() {
    return users == null ? List.of() : users;
  }

  public List<TokenEntry> tokens() {
    return tokens == null ? List.of() : tokens;
  }

  /** Whether passwords and tokens may be written in plain text (a sandbox's convenience). */
  public boolean allowPlainTextSecrets() {
    return allowPlainTextSecrets;
  }

  /** Every problem in this section, each naming the entry and what to fix; empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < users().size(); i++) {
      UserEntry u = users().get(i);
      String where = "auth.users[" + i + "]";
      if (u.name() == null || u.name().isBlank()) {
        problems.add(where + ".name is required");
      } else if (!names.add(u.name().trim())) {
        problems.add(where + ": user '" + u.name() + "' is listed twice; keep one entry");
      }
      String secret = Secrets.problem(u.password(), false, allowPlainTextSecrets);
      if (secret != null) {
        problems.add(where + ".password " + secret);
      }
      problems.addAll(roleProblems(where, u.roles()));
    }
    for (int i = 0; i < tokens().size(); i++) {
      TokenEntry t = tokens().get(i);
      String where = "auth.tokens[" + i + "]";
      if (t.name() == null || t.name().isBlank()) {
        problems.add(where + ".name is required: the identity the token stands for");
      }
      String secret = Secrets.problem(t.token(), true, allowPlainTextSecrets);
      if (secret != null) {
        problems.add(where + ".token " + secret);
      }
      problems.addAll(roleProblems(where, t.roles()));
    }
    return problems;
  }

  private static List<String> roleProblems(String where, List<String> roles) {
    List<String> problems = new ArrayList<>();
    for (String role : roles == null ? List.<String>of() : roles) {
      if (!Roles.ALL.contains(role)) {
        problems.add(where + ": unknown role '" + role + "'; the roles are " + Roles.ALL);
      }
    }
    return problems;
  }
}
