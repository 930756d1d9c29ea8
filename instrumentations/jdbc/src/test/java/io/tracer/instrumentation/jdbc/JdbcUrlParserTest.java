package io.tracer.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlParserTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "jdbc:postgresql://db.example.com:6432/orders?ssl=true        | postgresql | orders | db.example.com | 6432",
      "jdbc:postgresql://db.example.com/orders                      | postgresql | orders | db.example.com | 5432",
      "jdbc:postgresql://primary:5432,replica:5433/orders           | postgresql | orders | primary | 5432",
      "jdbc:postgresql://[::1]:5433/orders                          | postgresql | orders | ::1 | 5433",
      "jdbc:postgresql:orders                                       | postgresql | orders | localhost | 5432",
      "jdbc:postgresql://127.0.0.1/                                 | postgresql | - | 127.0.0.1 | 5432",
      "jdbc:mysql://shop:secret@mysql.internal:3307/shop?useSSL=false | mysql | shop | mysql.internal | 3307",
      "jdbc:mysql:loadbalance://a.internal,b.internal/shop          | mysql | shop | a.internal | 3306",
      "jdbc:mysql://address=(host=a)(port=3306)/shop                | mysql | shop | - | -1",
      "jdbc:mariadb:sequential://maria1:3306,maria2:3306/shop       | mariadb | shop | maria1 | 3306",
      "jdbc:mariadb://127.0.0.1:3306/test                           | mariadb | test | 127.0.0.1 | 3306",
      "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1                         | h2database | orders | - | -1",
      "jdbc:h2:file:/var/data/orders                                | h2database | orders | - | -1",
      "jdbc:h2:~/orders                                             | h2database | orders | - | -1",
      "jdbc:h2:tcp://h2.internal:9093/~/orders                      | h2database | orders | h2.internal | 9093",
      "jdbc:sqlserver://mssql.internal\\prod:1434;databaseName=orders;user=sa | microsoft.sql_server | orders | mssql.internal | 1434",
      "jdbc:sqlserver://mssql.internal;database=orders              | microsoft.sql_server | orders | mssql.internal | 1433",
      "jdbc:oracle:thin:@ora.internal:1521:ORCL                     | oracle.db | ORCL | ora.internal | 1521",
      "jdbc:oracle:thin:@//ora.internal:1522/orders.example         | oracle.db | orders.example | ora.internal | 1522",
      "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=x)))           | oracle.db | - | - | -1",
      "jdbc:derby:memory:orders;create=true                         | derby | orders | - | -1",
      "jdbc:derby://derby.internal:1527/orders                      | derby | orders | derby.internal | 1527",
      "jdbc:hsqldb:mem:orders                                       | hsqldb | orders | - | -1",
      "jdbc:sqlite:/var/data/orders.db                              | sqlite | orders.db | - | -1",
      "jdbc:p6spy:postgresql://db:5432/orders                       | postgresql | orders | db | 5432",
      "jdbc:db2://db2.internal:50001/ORDERS                         | ibm.db2 | ORDERS | db2.internal | 50001",
      "jdbc:somethingelse://host/db                                 | other_sql | - | - | -1",
      "not a url                                                    | other_sql | - | - | -1",
  })
  void readsSystemNamespaceHostAndPort(String url, String system, String namespace, String host, int port) {
    ConnectionInfo info = JdbcUrlParser.parse(url);
    assertEquals(system, info.system());
    assertEquals(namespace, info.namespace());
    assertEquals(host, info.host());
    assertEquals(port, info.port());
    assertFalse(info.toString().contains("secret"));
  }
}
