package io.gridshift.workflows.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a gridshift process reaches Temporal: the {@code temporal:} section shared by the worker,
 * agent and REST service configs, and the CLI's {@code GRIDSHIFT_TEMPORAL*} environment. Secrets
 * (client key, API key, payload keys) are named by file, a mounted Kubernetes Secret, or come from
 * the environment; they never travel in workflow inputs or history.
 *
 * <pre>
 * temporal:
 *   target: my-ns.a1b2c.tmprl.cloud:7233
 *   namespace: my-ns.a1b2c
 *   tls:                        # on when any field is set (enabled: true alone uses the JVM's CAs)
 *     caFile: /etc/gridshift/temporal-tls/ca.crt
 *     certFile: /etc/gridshift/temporal-tls/tls.crt   # mutual TLS: the client certificate
 *     keyFile: /etc/gridshift/temporal-tls/tls.key    # and its PKCS#8 key
 *   apiKeyFile: /etc/gridshift/temporal-api-key/key   # or apiKey: ${TEMPORAL_API_KEY}
 *   encryption:                 # payload encryption (AES-256-GCM); empty: payloads in clear
 *     activeKey: k2
 *     keys:
 *       - {id: k2, file: /etc/gridshift/payload-keys/k2}
 *       - {id: k1, file: /etc/gridshift/payload-keys/k1}   # kept to decrypt older payloads
 * </pre>
 *
 * @param target host:port of the Temporal frontend (default 127.0.0.1:7233)
 * @param namespace Temporal namespace (default {@code default})
 * @param tls transport security (default: plain text)
 * @param apiKey an API key sent as a bearer token (Temporal Cloud); prefer {@code apiKeyFile}
 * @param apiKeyFile a file holding the API key
 * @param encryption payload encryption keys (default: none)
 */
public record TemporalAccess(
    String target,
    String namespace,
    TemporalTls tls,
    String apiKey,
    String apiKeyFile,
    PayloadEncryption encryption) {
  public static final String DEFAULT_TARGET = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  public TemporalAccess {
    target = blank(target) ? DEFAULT_TARGET : target.strip();
    namespace = blank(namespace) ? DEFAULT_NAMESPACE : namespace.strip();
    tls = tls == null ? TemporalTls.NONE : tls;
    apiKey = blank(apiKey) ? null : apiKey.strip();
    apiKeyFile = blank(apiKeyFile) ? null : apiKeyFile.strip();
    encryption = encryption == null ? PayloadEncryption.NONE : encryption;
  }

  /** Plain text to {@code target} in the default namespace: the sandbox's and tests' Temporal. */
  public static TemporalAccess plain(String target) {
    return new TemporalAccess(target, null, null, null, null, null);
  }

  /** The same access in another namespace. */
  public TemporalAccess withNamespace(String otherNamespace) {
    return new TemporalAccess(target, otherNamespace, tls, apiKey, apiKeyFile, encryption);
  }

  /** The same access to another target (host:port). */
  public TemporalAccess withTarget(String otherTarget) {
    return new TemporalAccess(otherTarget, namespace, tls, apiKey, apiKeyFile, encryption);
  }

  /** The same access with {@code other} transport security. */
  public TemporalAccess withTls(TemporalTls other) {
    return new TemporalAccess(target, namespace, other, apiKey, apiKeyFile, encryption);
  }

  /** The same access with {@code other} payload encryption. */
  public TemporalAccess withEncryption(PayloadEncryption other) {
    return new TemporalAccess(target, namespace, tls, apiKey, apiKeyFile, other);
  }

  /**
   * The CLI's access from its environment: {@code GRIDSHIFT_TEMPORAL} (host:port), {@code
   * GRIDSHIFT_TEMPORAL_NAMESPACE}, {@code GRIDSHIFT_TEMPORAL_TLS} ({@code true}: TLS with the JVM's
   * CAs), {@code GRIDSHIFT_TEMPORAL_TLS_CA}, {@code _TLS_CERT}, {@code _TLS_KEY}, {@code
   * _TLS_SERVER_NAME} (files and a name), {@code GRIDSHIFT_TEMPORAL_API_KEY} or {@code
   * _API_KEY_FILE}, {@code GRIDSHIFT_PAYLOAD_KEYS} ({@code id=file,id=file}) and {@code
   * GRIDSHIFT_PAYLOAD_ACTIVE_KEY} (default: the first key).
   */
  public static TemporalAccess fromEnvironment(Map<String, String> env) {
    TemporalTls tls =
        new TemporalTls(
            "true".equalsIgnoreCase(env.get("GRIDSHIFT_TEMPORAL_TLS")) ? Boolean.TRUE : null,
            env.get("GRIDSHIFT_TEMPORAL_TLS_CA"),
            env.get("GRIDSHIFT_TEMPORAL_TLS_CERT"),
            env.get("GRIDSHIFT_TEMPORAL_TLS_KEY"),
            env.get("GRIDSHIFT_TEMPORAL_TLS_SERVER_NAME"));
    List<PayloadEncryption.Key> keys = new ArrayList<>();
    String listed = env.get("GRIDSHIFT_PAYLOAD_KEYS");
    if (!blank(listed)) {
      for (String pair : listed.split(",")) {
        int eq = pair.indexOf('=');
        keys.add(
            eq < 0
                ? new PayloadEncryption.Key(null, pair)
                : new PayloadEncryption.Key(pair.substring(0, eq), pair.substring(eq + 1)));
      }
    }
    return new TemporalAccess(
        env.get("GRIDSHIFT_TEMPORAL"),
        env.get("GRIDSHIFT_TEMPORAL_NAMESPACE"),
        tls,
        env.get("GRIDSHIFT_TEMPORAL_API_KEY"),
        env.get("GRIDSHIFT_TEMPORAL_API_KEY_FILE"),
        new PayloadEncryption(env.get("GRIDSHIFT_PAYLOAD_ACTIVE_KEY"), keys));
  }

  /** Every problem with this access, empty when valid (files are checked when connecting). */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!target.matches("[^\\s:/]+:\\d{1,5}")) {
      problems.add("temporal target '" + target + "' must be host:port, e.g. 127.0.0.1:7233");
    }
    if (apiKey != null && apiKeyFile != null) {
      problems.add("temporal: set apiKey or apiKeyFile, not both");
    }
    problems.addAll(tls.problems());
    problems.addAll(encryption.problems());
    return problems;
  }

  /** For logs: where, which namespace, and which protections are on (never a secret). */
  public String describe() {
    return target
        + " namespace "
        + namespace
        + (tls.enabled() ? (tls.mutual() ? ", mutual TLS" : ", TLS") : ", plain text")
        + (apiKey != null || apiKeyFile != null ? ", API key" : "")
        + (encryption.enabled() ? ", payloads encrypted (key " + encryption.activeKey() + ")" : "");
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
