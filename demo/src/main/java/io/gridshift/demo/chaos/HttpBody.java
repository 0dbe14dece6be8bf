package io.gridshift.demo.chaos;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies one HTTP/1.1 message body as it is framed (Content-Length, chunked, or until the
 * connection closes), flushing every chunk so a streamed response (a watch over plain HTTP) reaches
 * the client as it arrives. A null {@code out} discards the body, which keeps a connection in step
 * when the proxy answers a request itself.
 */
final class HttpBody {
  private static final int BUFFER = 16 * 1024;

  private HttpBody() {}

  /** A request's body: chunked, Content-Length, or none. */
  static void copyRequest(HttpHead head, InputStream in, OutputStream out) throws IOException {
    if (head.chunked()) {
      copyChunked(in, out);
    } else {
      copyFixed(in, out, Math.max(0, head.contentLength()));
    }
  }

  /**
   * A response's body.
   *
   * @return true when the body ran to the end of the connection, which must then be closed
   */
  static boolean copyResponse(HttpHead request, HttpHead response, InputStream in, OutputStream out)
      throws IOException {
    int status = response.status();
    if ("HEAD".equals(request.method()) || status / 100 == 1 || status == 204 || status == 304) {
      return false;
    }
    if (response.chunked()) {
      copyChunked(in, out);
      return false;
    }
    long length = response.contentLength();
    if (length >= 0) {
      copyFixed(in, out, length);
      return false;
    }
    copyToEnd(in, out);
    return true;
  }

  private static void copyFixed(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("connection closed with " + left + " body bytes to go");
      }
      write(out, buffer, n);
      left -= n;
    }
    flush(out);
  }

  private static void copyChunked(InputStream in, OutputStream out) throws IOException {
    while (true) {
      String sizeLine = HttpHead.readLine(in, false);
      writeLine(out, sizeLine);
      long size = chunkSize(sizeLine);
      if (size == 0) {
        // trailers, up to the empty line
        for (String line = HttpHead.readLine(in, false); ; line = HttpHead.readLine(in, false)) {
          writeLine(out, line);
          if (line.isEmpty()) {
            flush(out);
            return;
          }
        }
      }
      copyFixed(in, out, size);
      writeLine(out, HttpHead.readLine(in, false)); // the CRLF after the chunk's data
      flush(out);
    }
  }

  private static void copyToEnd(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      write(out, buffer, n);
      flush(out);
    }
  }

  private static long chunkSize(String line) throws IOException {
    int semicolon = line.indexOf(';');
    String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
    try {
      return Long.parseLong(hex, 16);
    } catch (NumberFormatException e) {
      throw new IOException("malformed chunk size line: " + line, e);
    }
  }

  private static void writeLine(OutputStream out, String line) throws IOException {
    if (out != null) {
      out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private static void write(OutputStream out, byte[] buffer, int n) throws IOException {
    if (out != null) {
      out.write(buffer, 0, n);
    }
  }

  private static void flush(OutputStream out) throws IOException {
    if (out != null) {
      out.flush();
    }
  }
}
