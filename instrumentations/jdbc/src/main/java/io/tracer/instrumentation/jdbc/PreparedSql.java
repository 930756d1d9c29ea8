package io.tracer.instrumentation.jdbc;

import java.sql.Statement;

/**
 * The SQL each prepared or callable statement was created with: JDBC offers no way to ask a statement for it, so
 * it is noted when {@code Connection.prepareStatement} or {@code prepareCall} returns (a pool's proxy and the
 * driver's statement it wraps are noted apart).
 *
 * <p>Most statements are prepared, executed and closed by one thread within one request. They are noted in a few
 * slots of the preparing thread, strongly and without allocating, and forgotten on {@code close()}. Only a
 * statement still open when the thread has prepared {@link #SLOTS} others since moves to a map keyed weakly by the
 * statement, which also answers for a statement executed by another thread. A weak reference per statement was
 * what this cost before: under load, tens of thousands of them per young collection, each kept alive by the map
 * until the collector cleared it, lengthened every pause (the p99 of a query through HikariCP went from 2 ms to 11).
 * A thread's slots keep at most {@link #SLOTS} open statements reachable that the application dropped unclosed.
 */
final class PreparedSql {

  static final int SLOTS = 8;

  private final ThreadLocal<Object[]> slots = new ThreadLocal<Object[]>() {
    @Override
    protected Object[] initialValue() {
      // statement at 2i, its SQL at 2i + 1, the next slot to take at the end
      return new Object[SLOTS * 2 + 1];
    }
  };
  private final WeakIdentityMap<Statement, String> moved = new WeakIdentityMap<>();

  void remember(Statement statement, String sql) {
    Object[] own = slots.get();
    int free = -1;
    for (int i = 0; i < SLOTS * 2; i += 2) {
      if (own[i] == statement) {
        // a driver's overloads calling each other: noted once
        own[i + 1] = sql;
        return;
      }
      if (free < 0 && own[i] == null) {
        free = i;
      }
    }
    if (free < 0) {
      free = nextToMove(own);
      moved.put((Statement) own[free], (String) own[free + 1]);
    }
    own[free] = statement;
    own[free + 1] = sql;
  }

  /** @return the SQL, or {@code null} for a plain statement or one prepared before the agent was there */
  String of(Statement statement) {
    Object[] own = slots.get();
    for (int i = 0; i < SLOTS * 2; i += 2) {
      if (own[i] == statement) {
        return (String) own[i + 1];
      }
    }
    return moved.isEmpty() ? null : moved.get(statement);
  }

  void closed(Statement statement) {
    Object[] own = slots.get();
    for (int i = 0; i < SLOTS * 2; i += 2) {
      if (own[i] == statement) {
        own[i] = null;
        own[i + 1] = null;
        return;
      }
    }
    if (!moved.isEmpty()) {
      moved.remove(statement);
    }
  }

  /** The slots in turn, so that the one moved is the one noted longest ago, or nearly. */
  private static int nextToMove(Object[] own) {
    int turn = own[SLOTS * 2] == null ? 0 : (Integer) own[SLOTS * 2];
    own[SLOTS * 2] = (turn + 1) % SLOTS;
    return turn * 2;
  }
}
