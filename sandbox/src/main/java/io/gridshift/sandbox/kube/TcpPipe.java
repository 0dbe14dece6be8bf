package io.gridshift.sandbox.kube;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Copies bytes both ways between a client and a backend socket, one thread per direction. An end of
 * stream is passed on as a half-close; the pair is closed when both directions are done or either
 * fails.
 */
public final class TcpPipe {
  private static final int BUFFER = 32 * 1024;

  private final Socket client;
  private final Socket backend;
  private final Consumer<TcpPipe> onClose;
  private final AtomicInteger running = new AtomicInteger(2);

  public TcpPipe(Socket client, Socket backend, Consumer<TcpPipe> onClose) {
    this.client = client;
    this.backend = backend;
    this.onClose = onClose;
  }

  public void start(ExecutorService threads) {
    try {
      client.setTcpNoDelay(true);
    } catch (SocketException e) {
      // keep going: only latency suffers
    }
    threads.execute(() -> copy(client, backend));
    threads.execute(() -> copy(backend, client));
  }

  private void copy(Socket from, Socket to) {
    byte[] buffer = new byte[BUFFER];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
      if (running.decrementAndGet() == 0) {
        close();
      }
    } catch (IOException e) {
      close();
    }
  }

  public void close() {
    closeQuietly(client);
    closeQuietly(backend);
    onClose.accept(this);
  }

  /** Closes with a reset, as a refused or dropped connection looks to a client. */
  static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException e) {
      // closing anyway
    }
    closeQuietly(socket);
  }

  public static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
