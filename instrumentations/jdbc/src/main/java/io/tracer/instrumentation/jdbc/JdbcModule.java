package io.tracer.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeCandidates;
import io.tracer.instrumentation.api.TypeInstrumentation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every JDBC driver, through the {@code java.sql} interfaces only: statement executions get CLIENT spans;
 * connecting, the methods of {@code Connection} and of the metadata interfaces, and HikariCP's connection setup
 * and validation are marked as driver work, so the statements they run inside get none. Optionally, HikariCP's
 * {@code getConnection}.
 */
public final class JdbcModule implements InstrumentationModule {

  private static final String ADVICE = "io.tracer.instrumentation.jdbc.";
  private static final String[] EXECUTE = {"execute", "executeQuery", "executeUpdate", "executeLargeUpdate"};
  private static final String[] PREPARE = {"prepareStatement", "prepareCall"};
  private static final String STATEMENT = "java.sql.Statement";
  private static final String CONNECTION = "java.sql.Connection";
  private static final String METADATA = "java.sql.DatabaseMetaData";
  private static final String DRIVER = "java.sql.Driver";
  private static final String RESULT_METADATA = "java.sql.ResultSetMetaData";
  private static final String PARAMETER_METADATA = "java.sql.ParameterMetaData";

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    List<TypeInstrumentation> types = new ArrayList<>();
    types.add(new Statements());
    types.add(new Connections());
    types.add(new Metadata(METADATA));
    types.add(new Metadata(RESULT_METADATA));
    types.add(new Metadata(PARAMETER_METADATA));
    types.add(new Drivers());
    types.add(new HikariPoolWork());
    if (JdbcSettings.poolWaitSpans(AgentServices.config())) {
      types.add(new HikariPoolWait());
    }
    return types;
  }

  /**
   * The classes implementing one of the {@code java.sql} interfaces, in any class loader (the JDK always has them).
   * Only public instance methods with a body are advised.
   */
  private abstract static class JdbcImplementations implements TypeInstrumentation {
    private final String jdbcInterface;

    JdbcImplementations(String jdbcInterface) {
      this.jdbcInterface = jdbcInterface;
    }

    @Override
    public String classLoaderGate() {
      return STATEMENT;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.extending(jdbcInterface);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return not(isInterface()).and(hasSuperType(named(jdbcInterface)));
    }

    ElementMatcher.Junction<MethodDescription> implemented() {
      return isPublic().and(not(isStatic())).and(not(isAbstract()));
    }

    /** The methods named as one of the interface's own (or its super interfaces'). */
    ElementMatcher.Junction<MethodDescription> ofTheInterface() {
      return new InterfaceMethodNames(jdbcInterface);
    }
  }

  private static final class Statements extends JdbcImplementations {
    Statements() {
      super(STATEMENT);
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      ElementMatcher.Junction<MethodDescription> statement = implemented();
      binder.bind(statement.and(namedOneOf(EXECUTE)).and(takesArgument(0, String.class)),
          ADVICE + "StatementExecuteAdvice");
      binder.bind(statement.and(namedOneOf(EXECUTE)).and(takesArguments(0)), ADVICE + "PreparedExecuteAdvice");
      binder.bind(statement.and(namedOneOf("executeBatch", "executeLargeBatch")).and(takesArguments(0)),
          ADVICE + "BatchExecuteAdvice");
      binder.bind(statement.and(named("addBatch")).and(takesArguments(String.class)), ADVICE + "AddBatchAdvice");
      binder.bind(statement.and(named("clearBatch")).and(takesArguments(0)), ADVICE + "ClearBatchAdvice");
      binder.bind(statement.and(named("close")).and(takesArguments(0)), ADVICE + "StatementCloseAdvice");
    }
  }

  private static final class Connections extends JdbcImplementations {
    Connections() {
      super(CONNECTION);
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(implemented().and(namedOneOf(PREPARE)).and(takesArgument(0, String.class)),
          ADVICE + "PrepareStatementAdvice");
      binder.bind(implemented().and(ofTheInterface()).and(not(namedOneOf(PREPARE)))
          .and(not(named("createStatement"))), ADVICE + "DriverWorkAdvice");
    }
  }

  /** pgjdbc's ResultSetMetaData, for one, queries the catalog through a statement of its own. */
  private static final class Metadata extends JdbcImplementations {
    Metadata(String metadataInterface) {
      super(metadataInterface);
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(implemented().and(ofTheInterface()), ADVICE + "DriverWorkAdvice");
    }
  }

  private static final class Drivers extends JdbcImplementations {
    Drivers() {
      super(DRIVER);
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(implemented().and(named("connect")).and(takesArguments(2)), ADVICE + "DriverWorkAdvice");
    }
  }

  /** HikariCP opening, setting up and validating connections: its test queries are the pool's, not the app's. */
  private static final class HikariPoolWork implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return "com.zaxxer.hikari.pool.PoolBase";
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named("com.zaxxer.hikari.pool.PoolBase");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("com.zaxxer.hikari.pool.PoolBase");
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(not(isAbstract()).and(namedOneOf("isConnectionDead", "isConnectionAlive", "newConnection",
          "setupConnection", "checkDriverSupport", "executeSql")), ADVICE + "DriverWorkAdvice");
    }
  }

  private static final class HikariPoolWait implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return "com.zaxxer.hikari.HikariDataSource";
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named("com.zaxxer.hikari.HikariDataSource");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("com.zaxxer.hikari.HikariDataSource");
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(named("getConnection").and(takesArguments(0)), ADVICE + "hikari.PoolWaitAdvice");
    }
  }
}
