package io.tracer.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isOverriddenFrom;
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
import io.tracer.instrumentation.api.TypeInstrumentation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every JDBC driver, through the {@code java.sql} interfaces only: statement executions get CLIENT spans;
 * connecting, {@code Connection} and {@code DatabaseMetaData} methods and HikariCP's validation are marked as
 * driver work, so the statements they run inside get none. Optionally, HikariCP's {@code getConnection}.
 */
public final class JdbcModule implements InstrumentationModule {

  private static final String ADVICE = "io.tracer.instrumentation.jdbc.";
  private static final String[] EXECUTE = {"execute", "executeQuery", "executeUpdate", "executeLargeUpdate"};
  private static final String[] PREPARE = {"prepareStatement", "prepareCall"};

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    List<TypeInstrumentation> types = new ArrayList<>();
    types.add(new Implementations("java.sql.Statement") {
      @Override
      public void applyAdvice(AdviceBinder binder) {
        binder.bind(implemented().and(namedOneOf(EXECUTE)).and(takesArgument(0, String.class)),
            ADVICE + "StatementExecuteAdvice");
        binder.bind(implemented().and(namedOneOf(EXECUTE)).and(takesArguments(0)), ADVICE + "PreparedExecuteAdvice");
        binder.bind(implemented().and(namedOneOf("executeBatch", "executeLargeBatch")).and(takesArguments(0)),
            ADVICE + "BatchExecuteAdvice");
      }
    });
    types.add(new Implementations("java.sql.Connection") {
      @Override
      public void applyAdvice(AdviceBinder binder) {
        binder.bind(implemented().and(namedOneOf(PREPARE)).and(takesArgument(0, String.class)),
            ADVICE + "PrepareStatementAdvice");
        binder.bind(implemented().and(isOverriddenFrom(named("java.sql.Connection")))
            .and(not(namedOneOf(PREPARE))).and(not(named("createStatement"))), ADVICE + "DriverWorkAdvice");
      }
    });
    types.add(new Implementations("java.sql.DatabaseMetaData") {
      @Override
      public void applyAdvice(AdviceBinder binder) {
        binder.bind(implemented().and(isOverriddenFrom(named("java.sql.DatabaseMetaData"))),
            ADVICE + "DriverWorkAdvice");
      }
    });
    types.add(new Implementations("java.sql.Driver") {
      @Override
      public void applyAdvice(AdviceBinder binder) {
        binder.bind(implemented().and(named("connect")).and(takesArguments(2)), ADVICE + "DriverWorkAdvice");
      }
    });
    types.add(new HikariPoolWork());
    if (JdbcSettings.poolWaitSpans(AgentServices.config())) {
      types.add(new HikariPoolWait());
    }
    return types;
  }

  private static ElementMatcher.Junction<MethodDescription> implemented() {
    return isPublic().and(not(isStatic())).and(not(isAbstract()));
  }

  /** The classes implementing one {@code java.sql} interface, in any class loader (the JDK always has it). */
  private abstract static class Implementations implements TypeInstrumentation {
    private final String jdbcInterface;

    Implementations(String jdbcInterface) {
      this.jdbcInterface = jdbcInterface;
    }

    @Override
    public String classLoaderGate() {
      return jdbcInterface;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return not(isInterface()).and(hasSuperType(named(jdbcInterface)));
    }
  }

  /** HikariCP opening, setting up and validating connections: its test queries are the pool's, not the app's. */
  private static final class HikariPoolWork implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return "com.zaxxer.hikari.pool.PoolBase";
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("com.zaxxer.hikari.pool.PoolBase");
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(not(isAbstract()).and(namedOneOf("isConnectionDead", "isConnectionAlive", "newConnection",
          "setupConnection", "checkDriverSupport")), ADVICE + "DriverWorkAdvice");
    }
  }

  private static final class HikariPoolWait implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return "com.zaxxer.hikari.HikariDataSource";
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
