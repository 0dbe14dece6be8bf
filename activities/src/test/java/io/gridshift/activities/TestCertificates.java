package io.gridshift.activities;

/** Certificates for unit tests. */
public final class TestCertificates {
  /** A public CA certificate (no key kept): what a trust Secret holds. */
  public static final String CA_PEM =
      "-----BEGIN CERTIFICATE-----\n"
          + "MIIBkDCCATWgAwIBAgIUaFBzB5TlZuQJOsK6sNXi25aqI08wCgYIKoZIzj0EAwIw\n"
          + "HDEaMBgGA1UEAwwRZ3JpZHNoaWZ0LXRlc3QtY2EwIBcNMjYxMjA3MTIyNjM5WhgP\n"
          + "MjEyNjExMTMxMjI2MzlaMBwxGjAYBgNVBAMMEWdyaWRzaGlmdC10ZXN0LWNhMFkw\n"
          + "EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE4dPXSigWiOgU+sVoyUHkPds2jqYN8RiM\n"
          + "td5I9xbilyi+zDNDum/idC40toC6s7ttqPOZr7xT7ESakxW5a7y+oKNTMFEwHQYD\n"
          + "VR0OBBYEFPhmgFqyTjUoJMXEvDl7yAQFabJOMB8GA1UdIwQYMBaAFPhmgFqyTjUo\n"
          + "JMXEvDl7yAQFabJOMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIh\n"
          + "AMMGXgakrNAlCvYTvHas6NMg0LOxf4sGPHcY8VyCPZEyAiEA0m4q5LcJ0HNcJR9g\n"
          + "FTNczv289XKniBbtNLq75hlQEnk=\n"
          + "-----END CERTIFICATE-----\n";

  private TestCertificates() {}
}
