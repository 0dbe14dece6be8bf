package io.gridshift.demo.chaos;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of {@link KubeFaultProxy}, served request by request over one upstream
 * connection, so a client's pooled keep-alive connection stays a pooled connection.
 *
 * <ol>
 *   <li>Read a request head; ask the proxy for a fault.
 *   <li>500/409/429: read the request body away, answer with a Status, keep the connection.
 *   <li>Reset before forwarding: reset the client's connection; the API never sees the request.
 *   <li>Stall: wait, then go on as below.
 *   <li>Forward the request (body buffered, so a stale idle upstream connection is replaced and the
 *       request sent again, as a client pool would); read the response.
 *   <li>Reset after forwarding: read the response away, then reset the client's connection.
 *   <li>Otherwise copy the response, streaming; a 101 (WebSocket watch) turns the connection into a
 *       byte pipe.
 * </ol>
 */
final class FaultProxyConnection implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(FaultProxyConnection.class);

  private final KubeFaultProxy proxy;
  private final Socket client;
  private InputStream clientIn;
  private OutputStream clientOut;
  private Socket upstream;
  private InputStream upstreamIn;
  private OutputStream upstreamOut;
  private boolean handedToPipe;

  FaultProxyConnection(KubeFaultProxy proxy, Socket client) {
    this.proxy = proxy;
    this.client = client;
  }

  @Override
  public void run() {
    try {
      client.setTcpNoDelay(true);
      clientIn = new BufferedInputStream(client.getInputStream());
      clientOut = new BufferedOutputStream(client.getOutputStream());
      while (serveOne()) {
        // next request on the same connection
      }
    } catch (IOException e) {
      log.debug("fault proxy connection ended: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (!handedToPipe) {
        closeAll();
      }
    }
  }

  /** Serves one request; false when the connection is done. */
  private boolean serveOne() throws IOException, InterruptedException {
    HttpHead request = HttpHead.read(clientIn);
    if (request == null) {
      return false;
    }
    if ("100-continue".equalsIgnoreCase(request.header("Expect"))) {
      clientOut.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      clientOut.flush();
    }
    KubeFault fault = proxy.pick(request);
    switch (fault) {
      case HTTP_500, CONFLICT_409, THROTTLE_429 -> {
        HttpBody.copyRequest(request, clientIn, null);
        StatusReply.write(fault, clientOut);
        return !request.closes();
      }
      case RESET_BEFORE_FORWARD -> {
        Sockets.reset(client);
        return false;
      }
      case STALL -> Thread.sleep(proxy.stallFor().toMillis());
      default -> {
        // forwarded below
      }
    }
    HttpHead response = forward(request);
    if (fault == KubeFault.RESET_AFTER_FORWARD) {
      HttpBody.copyResponse(request, response, upstreamIn, null);
      Sockets.reset(client);
      return false;
    }
    response.write(clientOut);
    if (response.status() == 101) {
      clientOut.flush();
      switchToPipe();
      return false;
    }
    boolean toEnd = HttpBody.copyResponse(request, response, upstreamIn, clientOut);
    clientOut.flush();
    return !(toEnd || request.closes() || response.closes());
  }

  /** Sends the request upstream and returns the final response head (interim 1xx passed on). */
  private HttpHead forward(HttpHead request) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    HttpBody.copyRequest(request, clientIn, body);
    HttpHead forwarded = request.forForwarding();
    HttpHead response = send(forwarded, body.toByteArray());
    while (response.status() / 100 == 1 && response.status() != 101) {
      response.write(clientOut);
      clientOut.flush();
      response = HttpHead.read(upstreamIn);
      if (response == null) {
        throw new EOFException("the API closed the connection after an interim response");
      }
    }
    return response;
  }

  /**
   * Writes the request and reads the response head; an idle upstream connection the API closed is
   * replaced once (the request had not reached it: no byte of an answer came).
   */
  private HttpHead send(HttpHead request, byte[] body) throws IOException {
    for (int attempt = 0; ; attempt++) {
      boolean reused = upstream != null;
      try {
        if (upstream == null) {
          openUpstream();
        }
        request.write(upstreamOut);
        upstreamOut.write(body);
        upstreamOut.flush();
        HttpHead response = HttpHead.read(upstreamIn);
        if (response != null) {
          return response;
        }
        throw new EOFException("the API closed the connection before answering");
      } catch (IOException e) {
        closeUpstream();
        if (!reused || attempt > 0) {
          throw e;
        }
      }
    }
  }

  private void openUpstream() throws IOException {
    upstream = proxy.connectUpstream();
    upstreamIn = new BufferedInputStream(upstream.getInputStream());
    upstreamOut = new BufferedOutputStream(upstream.getOutputStream());
  }

  private void switchToPipe() {
    handedToPipe = true;
    Socket up = upstream;
    new StreamPipe(client, clientIn, up, upstreamIn, () -> proxy.forget(client, up))
        .start(proxy.threads());
  }

  private void closeUpstream() {
    if (upstream != null) {
      proxy.forget(upstream);
      Sockets.closeQuietly(upstream);
      upstream = null;
    }
  }

  private void closeAll() {
    closeUpstream();
    proxy.forget(client);
    Sockets.closeQuietly(client);
  }
}
