package io.gridshift.workflows.approval;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Signs approval tokens with the active key of {@link ApprovalKeys}: what the REST service does for
 * every gate decision of a user it authenticated. Not workflow code (it reads the clock and a
 * random source).
 */
public final class ApprovalSigner {
  /** How long a token is good for: long enough to reach the worker, too short to hoard. */
  public static final Duration LIFETIME = Duration.ofMinutes(5);

  private final ApprovalKeys keys;
  private final SecureRandom random = new SecureRandom();

  /** Signs with {@code keys}' active key; throws when none is named. */
  public ApprovalSigner(ApprovalKeys keys) {
    if (keys.activeKey() == null) {
      throw new IllegalArgumentException(
          "approvals.activeKey is not set: name the key the REST service signs with");
    }
    this.keys = keys;
  }

  /**
   * A token for {@code by} deciding ({@code approve} or reject) {@code gate} of {@code workflowId},
   * good for {@link #LIFETIME} from {@code now}.
   */
  public String sign(String workflowId, String gate, boolean approve, String by, Instant now) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    ApprovalClaims claims =
        new ApprovalClaims(
            workflowId,
            gate,
            ApprovalClaims.decision(approve),
            by,
            now.plus(LIFETIME).getEpochSecond(),
            HexFormat.of().formatHex(nonce));
    return sign(claims);
  }

  /** A token carrying exactly {@code claims} (tests forge expired or mismatched ones with it). */
  public String sign(ApprovalClaims claims) {
    return ApprovalToken.sign(claims, keys.activeKey(), keys.key(keys.activeKey()));
  }
}
