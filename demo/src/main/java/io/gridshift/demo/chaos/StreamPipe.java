package io.gridshift.demo.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies bytes both ways between a client and an upstream socket, one thread per direction: the
 * whole of {@link TcpOutageProxy}'s work, and what {@link KubeFaultProxy} does once a WebSocket
 * watch has switched protocols. Each side is read through a given stream, since bytes may already
 * sit in the proxy's buffer. An end of stream is passed on as a half-close; the pair is closed when
 * both directions are done or either fails, and {@link #reset()} drops both at once.
 */
final class StreamPipe {
  private static final int BUFFER = 32 * 1024;

  private final Socket client;
  private final InputStream clientIn;
  private final Socket upstream;
  private final InputStream upstreamIn;
  private final Runnable onClose;
  private final AtomicInteger running = new AtomicInteger(2);
  private final AtomicBoolean closed = new AtomicBoolean();

  StreamPipe(
      Socket client,
      InputStream clientIn,
      Socket upstream,
      InputStream upstreamIn,
      Runnable onClose) {
    this.client = client;
    this.clientIn = clientIn;
    this.upstream = upstream;
    this.upstreamIn = upstreamIn;
    this.onClose = onClose;
  }

  void start(Executor threads) {
    threads.execute(() -> copy(clientIn, upstream));
    threads.execute(() -> copy(upstreamIn, client));
  }

  private void copy(InputStream from, Socket to) {
    byte[] buffer = new byte[BUFFER];
    try {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = from.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
      if (running.decrementAndGet() == 0) {
        close(false);
      }
    } catch (IOException e) {
      close(false);
    }
  }

  /** Drops both connections with a reset, as a network outage looks to both ends. */
  void reset() {
    close(true);
  }

  private void close(boolean reset) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (reset) {
      Sockets.reset(client);
      Sockets.reset(upstream);
    } else {
      Sockets.closeQuietly(client);
      Sockets.closeQuietly(upstream);
    }
    onClose.run();
  }
}
