package io.tracer.instrumentation.jedis;

import java.util.ArrayDeque;

/**
 * What the module knows of one Jedis connection: where it points, which database it has selected (seen from its
 * own {@code SELECT} commands, including the one a configured database sends on connect), and the commands
 * written but not yet answered, in wire order. A Jedis connection is used by one thread at a time.
 */
final class ConnectionState {

  /** Beyond this many unanswered commands (a huge pipeline) the rest are only counted, not traced. */
  static final int MAX_TRACED_PENDING = 10_000;

  final String serverAddress;
  final int serverPort;
  volatile long database;
  private final ArrayDeque<PendingCommand> pending = new ArrayDeque<>();
  private int traced;

  ConnectionState(String serverAddress, int serverPort) {
    this.serverAddress = serverAddress;
    this.serverPort = serverPort;
  }

  void written(PendingCommand command) {
    if (command != PendingCommand.UNTRACED) {
      if (traced >= MAX_TRACED_PENDING) {
        command = PendingCommand.UNTRACED;
      } else {
        traced++;
      }
    }
    pending.addLast(command);
  }

  /** @return the command the next reply answers, or {@code null} when none was seen being written */
  PendingCommand answered() {
    PendingCommand command = pending.pollFirst();
    if (command != null && command != PendingCommand.UNTRACED) {
      traced--;
    }
    return command;
  }

  /** A broken or closed connection answers nothing more. */
  void broken() {
    pending.clear();
    traced = 0;
  }
}
