package io.gridshift.demo.chaos;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The start line and headers of one HTTP/1.1 message, as {@link KubeFaultProxy} reads them off a
 * socket: enough to decide a fault, frame the body and keep a pooled connection in step, and no
 * more (no header folding, no HTTP/2).
 */
final class HttpHead {
  private static final int MAX_LINE = 64 * 1024;

  private final String startLine;
  private final List<String[]> headers;

  HttpHead(String startLine, List<String[]> headers) {
    this.startLine = startLine;
    this.headers = headers;
  }

  /** Reads a head; null at a clean end of stream before its first byte (an idle close). */
  static HttpHead read(InputStream in) throws IOException {
    String start = readLine(in, true);
    while (start != null && start.isEmpty()) {
      start = readLine(in, true); // tolerated: a CRLF left between messages
    }
    if (start == null) {
      return null;
    }
    List<String[]> headers = new ArrayList<>();
    for (String line = readLine(in, false); !line.isEmpty(); line = readLine(in, false)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed HTTP header line: " + line);
      }
      headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
    }
    return new HttpHead(start, headers);
  }

  /** One CRLF- (or LF-) terminated line; null only when {@code eofOk} and nothing was read. */
  static String readLine(InputStream in, boolean eofOk) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        if (eofOk && line.size() == 0) {
          return null;
        }
        throw new EOFException("connection closed inside an HTTP message head");
      }
      if (line.size() > MAX_LINE) {
        throw new IOException("HTTP line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  void write(OutputStream out) throws IOException {
    StringBuilder sb = new StringBuilder(startLine).append("\r\n");
    for (String[] h : headers) {
      sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  String startLine() {
    return startLine;
  }

  /** A request's method. */
  String method() {
    return startLine.substring(0, Math.max(0, startLine.indexOf(' ')));
  }

  /** A request's target (path and query). */
  String target() {
    String[] parts = startLine.split(" ");
    return parts.length > 1 ? parts[1] : "";
  }

  /** A response's status code. */
  int status() throws IOException {
    String[] parts = startLine.split(" ");
    try {
      return Integer.parseInt(parts[1]);
    } catch (RuntimeException e) {
      throw new IOException("malformed HTTP status line: " + startLine, e);
    }
  }

  /** The first value of a header, or null. */
  String header(String name) {
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase(name)) {
        return h[1];
      }
    }
    return null;
  }

  /** Whether a comma-separated header (Connection, Transfer-Encoding) holds this token. */
  boolean hasToken(String name, String token) {
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase(name)) {
        for (String t : h[1].split(",")) {
          if (t.trim().equalsIgnoreCase(token)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  boolean chunked() {
    return hasToken("Transfer-Encoding", "chunked");
  }

  /** The Content-Length, or -1 when absent. */
  long contentLength() throws IOException {
    String value = header("Content-Length");
    try {
      return value == null ? -1 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IOException("malformed Content-Length: " + value, e);
    }
  }

  boolean closes() {
    return hasToken("Connection", "close");
  }

  /**
   * A request that opens a stream the API holds open: a watch, a followed log, or a protocol
   * upgrade (a WebSocket watch, exec) other than HTTP/2's.
   */
  boolean longRunning() {
    String lower = target().toLowerCase(Locale.ROOT);
    String upgrade = header("Upgrade");
    return lower.contains("watch=true")
        || lower.contains("watch=1")
        || lower.contains("/watch/")
        || lower.contains("follow=true")
        || (upgrade != null && !"h2c".equalsIgnoreCase(upgrade));
  }

  /**
   * The request as forwarded: without an {@code Upgrade: h2c} offer (the JDK client makes one on
   * plain http; the API accepting it would take the connection out of HTTP/1.1, where the proxy can
   * no longer see requests) and without {@code Expect} (the proxy answers 100 itself).
   */
  HttpHead forForwarding() {
    boolean h2c = "h2c".equalsIgnoreCase(header("Upgrade"));
    List<String[]> kept = new ArrayList<>();
    for (String[] h : headers) {
      String name = h[0].toLowerCase(Locale.ROOT);
      if (name.equals("expect")
          || (h2c && (name.equals("upgrade") || name.equals("http2-settings")))) {
        continue;
      }
      if (h2c && name.equals("connection")) {
        String rest = withoutTokens(h[1], "upgrade", "http2-settings");
        if (!rest.isEmpty()) {
          kept.add(new String[] {h[0], rest});
        }
        continue;
      }
      kept.add(h);
    }
    return new HttpHead(startLine, kept);
  }

  private static String withoutTokens(String value, String... drop) {
    List<String> kept = new ArrayList<>();
    outer:
    for (String t : value.split(",")) {
      for (String d : drop) {
        if (t.trim().equalsIgnoreCase(d)) {
          continue outer;
        }
      }
      if (!t.isBlank()) {
        kept.add(t.trim());
      }
    }
    return String.join(", ", kept);
  }
}
