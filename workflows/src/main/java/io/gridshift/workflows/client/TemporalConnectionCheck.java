package io.gridshift.workflows.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Asks Temporal once, under a short deadline, whether it answers through the configured transport
 * security and credentials, and turns a refusal into one sentence that says what is wrong and what
 * to set. The SDK connects lazily and retries an unreachable frontend for a long time; processes
 * call this at start so that a wrong CA or a missing client certificate stops them before they
 * claim to be up.
 *
 * <ol>
 *   <li>Call {@code GetSystemInfo} with the deadline.
 *   <li>On failure, walk the gRPC error's causes for the TLS failure (untrusted server certificate,
 *       name mismatch, client certificate required or refused, TLS to a plain server or the
 *       reverse) or an authentication refusal (API key).
 *   <li>Else report the gRPC status as it is (Temporal down, wrong address).
 * </ol>
 */
public final class TemporalConnectionCheck {
  /** How long the check waits for an answer. */
  public static final Duration DEADLINE = Duration.ofSeconds(3);

  private TemporalConnectionCheck() {}

  /**
   * Temporal's answer.
   *
   * @param version the server version when it answered ({@code unknown} when it does not say)
   * @param problem null when it answered; else one sentence on what failed and what to do
   * @param security whether the problem is TLS or credentials (not "Temporal is down")
   */
  public record Answer(String version, String problem, boolean security) {
    public boolean answered() {
      return problem == null;
    }
  }

  /** Asks once, waiting at most {@link #DEADLINE}. */
  public static Answer ask(WorkflowServiceStubs stubs, TemporalAccess access) {
    try {
      String version =
          stubs
              .blockingStub()
              .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
              .getServerVersion();
      return new Answer(version.isEmpty() ? "unknown" : version, null, false);
    } catch (StatusRuntimeException e) {
      String security = securityProblem(access, e);
      return security != null
          ? new Answer(null, security, true)
          : new Answer(null, status(e.getStatus()), false);
    }
  }

  /**
   * The sentence for a TLS or credentials failure of a call, or null when {@code failure} is
   * something else (Temporal down, a refused request).
   */
  public static String securityProblem(TemporalAccess access, StatusRuntimeException failure) {
    String prefix = "TLS handshake with Temporal at " + access.target() + " failed: ";
    TemporalTls tls = access.tls();
    Status.Code code = failure.getStatus().getCode();
    if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
      return "Temporal at "
          + access.target()
          + " refused this process's credentials ("
          + status(failure.getStatus())
          + "); check the API key (temporal.apiKeyFile) or the client certificate and the"
          + " namespace "
          + access.namespace();
    }
    String causes = causes(failure).toLowerCase(Locale.ROOT);
    if (causes.contains("certificate_required")
        || (!tls.mutual() && causes.contains("bad_certificate"))
        || (!tls.mutual() && causes.contains("handshake_failure"))) {
      return prefix
          + "the server requires a client certificate: set tls.certFile and tls.keyFile"
          + " (GRIDSHIFT_TEMPORAL_TLS_CERT and _KEY for the CLI)";
    }
    if (causes.contains("bad_certificate")
        || causes.contains("unknown_ca")
        || causes.contains("certificate_unknown")) {
      return prefix
          + "the server refused the client certificate in "
          + tls.certFile()
          + " (not signed by a CA it trusts, or expired); use a certificate its CA issued";
    }
    if (causes.contains("pkix path") || causes.contains("unable to find valid certification")) {
      return prefix
          + "the server's certificate is not signed by "
          + (tls.caFile() == null
              ? "a CA the JVM trusts; set tls.caFile to the CA that signed it"
              : "the CA in " + tls.caFile() + "; set tls.caFile to the CA that signed it");
    }
    if (causes.contains("no subject alternative") || causes.contains("no name matching")) {
      return prefix
          + "the server's certificate does not name "
          + (tls.serverName() == null ? host(access.target()) : tls.serverName())
          + "; connect by a name it carries or set tls.serverName to one";
    }
    if (causes.contains("notsslrecord") || causes.contains("not an ssl/tls record")) {
      return prefix
          + "the server does not speak TLS; remove the tls settings (and the API key, which"
          + " needs TLS) or connect to its TLS port";
    }
    if (causes.contains("sslhandshake") || causes.contains("sslexception")) {
      return prefix + lastCause(failure);
    }
    // Plain text to a TLS port: the server answers with a TLS alert (which gRPC reads as a broken
    // HTTP/2 frame) or hangs up.
    boolean garbled = code == Status.Code.INTERNAL && causes.contains("http2 exception");
    boolean closed = code == Status.Code.UNAVAILABLE && causes.contains("closed");
    if (!tls.enabled() && (garbled || closed)) {
      return "Temporal at "
          + access.target()
          + " did not speak plain-text gRPC ("
          + status(failure.getStatus())
          + "); if it requires TLS, set temporal.tls (GRIDSHIFT_TEMPORAL_TLS_CA for the CLI)";
    }
    return null;
  }

  private static String causes(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
      if (t.getCause() == t) {
        break;
      }
    }
    return text.toString();
  }

  private static String lastCause(Throwable failure) {
    Throwable last = failure;
    while (last.getCause() != null && last.getCause() != last) {
      last = last.getCause();
    }
    return last.getMessage();
  }

  private static String status(Status status) {
    return status.getCode()
        + (status.getDescription() == null ? "" : ": " + status.getDescription());
  }

  private static String host(String target) {
    int colon = target.lastIndexOf(':');
    return colon < 0 ? target : target.substring(0, colon);
  }
}
