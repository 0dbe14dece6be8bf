package io.gridshift.sandbox.temporal;

import java.util.Locale;

/**
 * How clients reach the sandbox's Temporal: plain text (the default, as always), TLS, or mutual TLS
 * through a {@link TlsTemporalFront} with certificates from the sandbox's CA.
 */
public enum TemporalTransport {
  PLAIN,
  TLS,
  MUTUAL_TLS;

  /** {@code plain}, {@code tls} or {@code mtls}, as {@code sandbox up --temporal-tls} takes it. */
  public String option() {
    return switch (this) {
      case PLAIN -> "plain";
      case TLS -> "tls";
      case MUTUAL_TLS -> "mtls";
    };
  }

  /** The transport {@code text} names ({@link #option()}); an error listing the choices if none. */
  public static TemporalTransport fromOption(String text) {
    for (TemporalTransport t : values()) {
      if (t.option().equals(text.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "--temporal-tls must be plain, tls or mtls (mutual TLS), not '" + text + "'");
  }
}
