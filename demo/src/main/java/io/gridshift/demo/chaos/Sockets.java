package io.gridshift.demo.chaos;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;

/** Closing sockets the two ways the proxies need: quietly, and with a reset. */
final class Sockets {
  private Sockets() {}

  /** Closes with a TCP reset (SO_LINGER 0): the peer reads "connection reset", not an EOF. */
  static void reset(Socket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException e) {
      // closing anyway
    }
    closeQuietly(socket);
  }

  static void closeQuietly(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
