package io.tracer.instrumentation.jdbc.sql;

/** How a database quotes: what is a literal (and so hidden) and what is a name (and so kept) differs. */
public enum SqlDialect {
  /**
   * ANSI quoting, as in PostgreSQL, H2, Oracle and most others: {@code "names"}, backslashes are plain characters
   * except in {@code E'...'} strings, {@code $$dollar-quoted$$} strings, nested block comments.
   */
  STANDARD,
  /**
   * MySQL and MariaDB: {@code "double-quoted"} text is a string like {@code 'single'}, both with backslash escapes;
   * {@code `backticks`} quote names; {@code #} starts a line comment.
   */
  MYSQL;

  public static SqlDialect of(String dbSystemName) {
    return "mysql".equals(dbSystemName) || "mariadb".equals(dbSystemName) ? MYSQL : STANDARD;
  }
}
