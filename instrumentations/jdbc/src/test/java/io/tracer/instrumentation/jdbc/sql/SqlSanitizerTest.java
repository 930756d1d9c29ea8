package io.tracer.instrumentation.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlSanitizerTest {

  private static SqlQuery standard(String sql) {
    return SqlSanitizer.sanitize(sql, SqlDialect.STANDARD, 1000);
  }

  private static SqlQuery mysql(String sql) {
    return SqlSanitizer.sanitize(sql, SqlDialect.MYSQL, 1000);
  }

  private static String text(String sql) {
    return standard(sql).sanitizedText();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "SELECT * FROM t WHERE id = 42                     | SELECT * FROM t WHERE id = ?",
      "SELECT * FROM t WHERE price > 3.14                | SELECT * FROM t WHERE price > ?",
      "SELECT * FROM t WHERE x = .5 OR y = 1e-3 OR z = 6.02E23 | SELECT * FROM t WHERE x = ? OR y = ? OR z = ?",
      "SELECT * FROM t WHERE x = -7                      | SELECT * FROM t WHERE x = -?",
      "SELECT * FROM t WHERE name = 'alice'              | SELECT * FROM t WHERE name = ?",
      "SELECT * FROM t WHERE name = 'o''brien'           | SELECT * FROM t WHERE name = ?",
      "SELECT * FROM t WHERE flags = 0x1F OR b = 0b101   | SELECT * FROM t WHERE flags = ? OR b = ?",
      "SELECT * FROM t WHERE h = X'DEADBEEF' OR b = B'0101' OR n = N'name' | SELECT * FROM t WHERE h = ? OR b = ? OR n = ?",
      "SELECT * FROM t WHERE s = E'it\\'s secret'       | SELECT * FROM t WHERE s = ?",
      "SELECT $$secret body$$, $fn$ also 'secret' $fn$   | SELECT ?, ?",
      "SELECT * FROM t WHERE a = $1 AND b = $2           | SELECT * FROM t WHERE a = $1 AND b = $2",
      "SELECT * FROM t WHERE id = ? AND t.col2 = 'x'     | SELECT * FROM t WHERE id = ? AND t.col2 = ?",
      "SELECT c1, col_2, t3.x9 FROM t4                   | SELECT c1, col_2, t3.x9 FROM t4",
      "SELECT * FROM t WHERE ok = TRUE AND v IS NULL     | SELECT * FROM t WHERE ok = TRUE AND v IS NULL",
      "SELECT a::int, b[1] FROM t                        | SELECT a::int, b[?] FROM t",
      "SELECT * FROM t WHERE n = 1_000_000               | SELECT * FROM t WHERE n = ?",
      "SELECT q'[it's secret]', Q'{x}', nq'!y!' FROM t   | SELECT ?, ?, ? FROM t",
      "SELECT q, q1 FROM t WHERE q = 'x'                 | SELECT q, q1 FROM t WHERE q = ?",
  })
  void replacesEveryLiteral(String sql, String expected) {
    assertEquals(expected, text(sql));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "SELECT * FROM t WHERE id IN (1, 2, 3)             | SELECT * FROM t WHERE id IN (?)",
      "SELECT * FROM t WHERE id IN(1,2,3)                | SELECT * FROM t WHERE id IN(?)",
      "SELECT * FROM t WHERE id NOT IN ( ?, ?, ? )       | SELECT * FROM t WHERE id NOT IN (?)",
      "SELECT * FROM t WHERE s in ('a', 'b') AND x = 1   | SELECT * FROM t WHERE s in (?) AND x = ?",
      "SELECT * FROM t WHERE id IN (-1, +2)              | SELECT * FROM t WHERE id IN (?)",
      "SELECT * FROM t WHERE id IN (a, 2)                | SELECT * FROM t WHERE id IN (a, ?)",
      "SELECT * FROM t WHERE id IN (SELECT id FROM u)    | SELECT * FROM t WHERE id IN (SELECT id FROM u)",
      "SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))  | SELECT * FROM t WHERE (a, b) IN ((?, ?), (?, ?))",
  })
  void collapsesInLists(String sql, String expected) {
    assertEquals(expected, text(sql));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "SELECT a /* hint 'secret' */ FROM t               | SELECT a FROM t",
      "SELECT a/* x */FROM t                             | SELECT a FROM t",
      "/* outer /* nested 7 */ still */ SELECT 1         | SELECT ?",
      "SELECT a FROM t -- trailing 'secret'              | SELECT a FROM t",
      "SELECT a /* unterminated 'secret'                 | SELECT a",
  })
  void removesComments(String sql, String expected) {
    assertEquals(expected, text(sql));
  }

  @Test
  void lineCommentsEndAtTheLineAndWhitespaceCollapses() {
    assertEquals("SELECT a FROM t", text("SELECT a -- the secret 42\nFROM t"));
    assertEquals("SELECT a , b FROM t", text("  SELECT\n\ta ,\r\n b   FROM  t  "));
  }

  @Test
  void nestedCommentsAreStandardButNotMysql() {
    assertEquals("SELECT ?", text("/* a /* b */ 'still comment' */ SELECT 1"));
    assertEquals("? */ SELECT ?", mysql("/* a /* b */ 'not a comment' */ SELECT 1").sanitizedText());
  }

  @Test
  void mysqlQuotingAndComments() {
    assertEquals("SELECT * FROM `orders` WHERE name = ? AND note = ?",
        mysql("SELECT * FROM `orders` WHERE name = \"bob\" AND note = 'it\\'s 42'").sanitizedText());
    assertEquals("SELECT a FROM t", mysql("SELECT a # the secret\nFROM t").sanitizedText());
    assertEquals("SELECT * FROM t WHERE p = ?", mysql("SELECT * FROM t WHERE p = 'C:\\\\' ").sanitizedText());
    assertEquals("orders", mysql("SELECT * FROM `orders` WHERE id = 1").collection());
  }

  @Test
  void backslashesArePlainInStandardStrings() {
    // 'C:\' ends at its second quote in PostgreSQL: what follows is SQL again, and 'b' a second literal
    assertEquals("SELECT ?, ?", text("SELECT 'C:\\', 'b'"));
  }

  @Test
  void doubleQuotesAreNamesInStandardSql() {
    SqlQuery query = standard("SELECT \"Total\" FROM \"Order Lines\" WHERE \"Id\" = 5");
    assertEquals("SELECT \"Total\" FROM \"Order Lines\" WHERE \"Id\" = ?", query.sanitizedText());
    assertEquals("Order Lines", query.collection());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "CREATE USER bob IDENTIFIED BY hunter2                     | CREATE USER bob IDENTIFIED BY ?",
      "CREATE USER bob IDENTIFIED BY 'hunter2'                   | CREATE USER bob IDENTIFIED BY ?",
      "CREATE USER bob IDENTIFIED BY \"hunter2\"                 | CREATE USER bob IDENTIFIED BY ?",
      "ALTER USER bob IDENTIFIED BY hunter3 REPLACE hunter2      | ALTER USER bob IDENTIFIED BY ? REPLACE ?",
      "CREATE USER 'bob'@'%' IDENTIFIED WITH caching_sha2_password BY 'hunter2' | CREATE USER ?@? IDENTIFIED WITH caching_sha2_password BY ?",
      "ALTER ROLE bob WITH LOGIN PASSWORD 'hunter2' VALID UNTIL 'infinity' | ALTER ROLE bob WITH LOGIN PASSWORD ? VALID UNTIL ?",
      "CREATE USER bob PASSWORD \"hunter2\"                      | CREATE USER bob PASSWORD ?",
      "ALTER USER bob SET PASSWORD = hunter2                     | ALTER USER bob SET PASSWORD = ?",
      "SELECT password FROM users WHERE password = ?             | SELECT password FROM users WHERE password = ?",
  })
  void masksPasswords(String sql, String expected) {
    assertEquals(expected, text(sql));
    assertFalse(text(sql).contains("hunter"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "SELECT * FROM orders WHERE id = 1                       | SELECT | orders",
      "select * from public.orders o where o.id = 1            | SELECT | public.orders",
      "SELECT * FROM \"public\".\"orders\"                     | SELECT | public.orders",
      "SELECT * FROM orders o JOIN items i ON o.id = i.order_id | SELECT | -",
      "SELECT * FROM orders o, items i WHERE o.id = i.id       | SELECT | -",
      "SELECT * FROM orders o LEFT OUTER JOIN orders p ON p.parent = o.id | SELECT | orders",
      "SELECT * FROM orders WHERE id IN (SELECT id FROM items) | SELECT | -",
      "SELECT * FROM (SELECT * FROM orders) sub                | SELECT | orders",
      "SELECT EXTRACT(YEAR FROM created) FROM orders           | SELECT | orders",
      "SELECT * FROM generate_series(1, 10)                    | SELECT | -",
      "SELECT 1                                                | SELECT | -",
      "INSERT INTO orders (id, total) VALUES (?, ?)            | INSERT | orders",
      "INSERT INTO orders(id) SELECT id FROM staging           | INSERT | -",
      "UPDATE orders SET total = 1 WHERE id = 2                | UPDATE | orders",
      "DELETE FROM orders WHERE id = 2                         | DELETE | orders",
      "MERGE INTO orders USING staging ON (orders.id = staging.id) WHEN MATCHED THEN DELETE | MERGE | -",
      "CREATE TABLE IF NOT EXISTS orders (id INT)              | CREATE | orders",
      "DROP TABLE IF EXISTS orders                             | DROP | orders",
      "ALTER TABLE orders ADD COLUMN note TEXT                 | ALTER | orders",
      "TRUNCATE TABLE orders                                   | TRUNCATE | orders",
      "TRUNCATE orders                                         | TRUNCATE | orders",
      "CREATE INDEX orders_total ON orders (total)             | CREATE | -",
      "WITH recent AS (SELECT * FROM orders) SELECT * FROM recent | SELECT | -",
      "WITH x AS (SELECT 1) DELETE FROM orders                 | DELETE | orders",
      "SELECT * FROM orders FOR UPDATE                         | SELECT | orders",
      "  (SELECT a FROM orders) UNION (SELECT a FROM orders)   | SELECT | orders",
      "SET search_path TO public                               | SET | -",
      "COMMIT                                                  | COMMIT | -",
  })
  void findsTheOperationAndTheOneTable(String sql, String operation, String collection) {
    SqlQuery query = standard(sql);
    assertEquals(operation, query.operation());
    assertEquals(collection, query.collection());
  }

  @Test
  void findsTheStoredProcedureOfACall() {
    SqlQuery escaped = standard("{? = call billing.total_of(?, 'x')}");
    assertEquals("CALL", escaped.operation());
    assertEquals("billing.total_of", escaped.storedProcedure());
    assertEquals("{? = call billing.total_of(?, ?)}", escaped.sanitizedText());
    assertEquals("refresh", standard("CALL refresh()").storedProcedure());
    assertNull(standard("CALL refresh()").collection());
  }

  @Test
  void aStatementLongerThanTheLimitIsCutNotAnalysedToTheEnd() {
    StringBuilder sql = new StringBuilder("SELECT * FROM orders WHERE id IN (");
    for (int i = 0; i < 10_000; i++) {
      sql.append(i).append(", ");
    }
    sql.append("'tail secret')");
    SqlQuery query = SqlSanitizer.sanitize(sql.toString(), SqlDialect.STANDARD, 100);
    assertTrue(query.sanitizedText().endsWith("..."), query.sanitizedText());
    assertTrue(query.sanitizedText().length() <= 103, query.sanitizedText());
    assertFalse(query.sanitizedText().matches(".*\\d.*"), query.sanitizedText());
    assertEquals("SELECT", query.operation());
    assertEquals("orders", query.collection());
  }

  @Test
  void aLiteralCutByTheLimitStaysHidden() {
    SqlQuery query = SqlSanitizer.sanitize("SELECT * FROM t WHERE s = 'secret value'", SqlDialect.STANDARD, 30);
    assertEquals("SELECT * FROM t WHERE s = ?...", query.sanitizedText());
  }

  @Test
  void unterminatedLiteralsHideTheRest() {
    assertEquals("SELECT ?", text("SELECT 'never closed secret"));
    assertEquals("SELECT ?", text("SELECT $$never closed secret"));
    assertEquals("SELECT \"never closed", text("SELECT \"never closed"));
  }

  @Test
  void toleratesAnything() {
    for (String odd : new String[] {"", " ", "'", "\"", "$", "$$", "$a", "--", "/*", "(((", ")))", "?", "0x",
        "E'", "IN (", "FROM", "FROM .", "CALL", "IDENTIFIED BY", "PASSWORD =", "\u00e9t\u00e9 = 'x'"}) {
      standard(odd);
      mysql(odd);
    }
    assertEquals("", text(" -- only a comment"));
    assertNull(standard("").operation());
  }

  @Test
  void errorMessagesLoseTheirValuesButKeepTheirWords() {
    assertEquals("ERROR: duplicate key value violates unique constraint \"orders_pkey\" Detail: Key (email)=(?) "
        + "already exists.", message("ERROR: duplicate key value violates unique constraint \"orders_pkey\"\n"
        + "  Detail: Key (email)=(bob@example.com) already exists.", SqlDialect.STANDARD));
    assertEquals("ERROR: new row violates check constraint \"positive\" Detail: Failing row contains (?).",
        message("ERROR: new row violates check constraint \"positive\"\n  Detail: Failing row contains "
            + "(7, bob@example.com, (x), -1).", SqlDialect.STANDARD));
    assertEquals("Table ? doesn't exist", message("Table 'test.orders' doesn't exist", SqlDialect.MYSQL));
    assertEquals("Duplicate entry ? for key ?",
        message("Duplicate entry 'bob@example.com' for key 'email'", SqlDialect.MYSQL));
    assertEquals("User \"BOB\" not found; SQL statement: ALTER USER bob SET PASSWORD ? [?-?]",
        message("User \"BOB\" not found; SQL statement:\nALTER USER bob SET PASSWORD 'hunter2' [90032-232]",
            SqlDialect.STANDARD));
  }

  private static String message(String message, SqlDialect dialect) {
    return SqlSanitizer.sanitizeMessage(message, dialect, 4096);
  }

  @Test
  void keepsNonAsciiNames() {
    SqlQuery query = standard("SELECT * FROM b\u00fccher WHERE titel = 'Faust'");
    assertEquals("SELECT * FROM b\u00fccher WHERE titel = ?", query.sanitizedText());
    assertEquals("b\u00fccher", query.collection());
  }
}
