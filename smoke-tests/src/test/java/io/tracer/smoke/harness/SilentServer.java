package io.tracer.smoke.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A collector that has hung: it accepts connections and never reads or answers anything. */
public final class SilentServer implements AutoCloseable {

  private final ServerSocket serverSocket;
  private final List<Socket> accepted = new ArrayList<>();

  public SilentServer() throws IOException {
    serverSocket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread acceptor = new Thread(this::acceptForever, "silent-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + serverSocket.getLocalPort();
  }

  /** Waits until {@code count} connections have been accepted in all; false if the time-out passes first. */
  public synchronized boolean awaitConnections(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (accepted.size() < count) {
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remainingMillis <= 0) {
        return false;
      }
      wait(remainingMillis);
    }
    return true;
  }

  @Override
  public synchronized void close() throws IOException {
    serverSocket.close();
    for (Socket socket : accepted) {
      socket.close();
    }
  }

  private void acceptForever() {
    try {
      while (true) {
        Socket socket = serverSocket.accept();
        synchronized (this) {
          accepted.add(socket);
          notifyAll();
        }
      }
    } catch (IOException closed) {
      // close() ends the wait for connections
    }
  }
}
