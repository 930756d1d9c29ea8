package io.tracer.instrumentation.log4j2;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeCandidates;
import io.tracer.instrumentation.api.TypeInstrumentation;
import io.tracer.instrumentation.api.UnsupportedVersionReport;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Log4j 2: the context data of every event (what {@code %X{trace_id}} and JSON layouts print) gets the trace ids
 * where Log4j collects it, in its {@code ContextDataInjector}s; events at the configured level become span events
 * where a core logger takes a record it has enabled. Log4j's own extension point, a {@code ContextDataProvider}, is
 * found by {@code ServiceLoader} on the application's class path, where this module's classes are not. Log4j 2.6
 * and older, without context data, stay uninstrumented.
 */
public final class Log4j2Module implements InstrumentationModule {

  private static final String PACKAGE = "io.tracer.instrumentation.log4j2.";
  private static final String CORE = "org.apache.logging.log4j.core.";
  private static final String INJECTOR = CORE + "impl.ThreadContextDataInjector$";

  @Override
  public String name() {
    return "log4j2";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new Log4j2Types(INJECTOR + "ForDefaultThreadContextMap",
            INJECTOR + "ForGarbageFreeThreadContextMap", INJECTOR + "ForCopyOnWriteThreadContextMap") {
          @Override
          public void applyAdvice(AdviceBinder binder) {
            binder.bind(named("injectContextData").and(takesArguments(2)), PACKAGE + "InjectContextDataAdvice");
          }
        },
        // AsyncLogger overrides both entry points; neither calls the other in core Logger or AsyncLogger
        new Log4j2Types(CORE + "Logger", CORE + "async.AsyncLogger") {
          @Override
          public void applyAdvice(AdviceBinder binder) {
            binder.bind(named("logMessage").and(takesArguments(5)).and(takesArgument(1, named(
                "org.apache.logging.log4j.Level"))), PACKAGE + "LogMessageAdvice");
            binder.bind(named("log").and(takesArguments(6)).and(takesArgument(3, StackTraceElement.class)),
                PACKAGE + "LocatedLogAdvice");
          }
        },
        new UnsupportedVersionReport(CORE + "impl.Log4jLogEvent",
            CORE + "impl.Log4jLogEvent", not(declaresMethod(named("getContextData"))),
            "Log4j 2: this version (2.6 or older: no context data) is not supported: left uninstrumented"));
  }

  /** Log4j core types, behind the gate of its context data injectors (2.7+). */
  private abstract static class Log4j2Types implements TypeInstrumentation {
    private final String[] typeNames;

    Log4j2Types(String... typeNames) {
      this.typeNames = typeNames;
    }

    @Override
    public String classLoaderGate() {
      return CORE + "impl.ThreadContextDataInjector";
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named(typeNames);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return namedOneOf(typeNames);
    }
  }
}
