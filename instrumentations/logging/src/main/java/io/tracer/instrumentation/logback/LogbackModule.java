package io.tracer.instrumentation.logback;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeCandidates;
import io.tracer.instrumentation.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Logback: every event a logger creates (after its level check, on the logging thread) gets the trace ids in its
 * MDC map, which every appender, encoder and pattern ({@code %X{trace_id}}) reads; error events become span events.
 */
public final class LogbackModule implements InstrumentationModule {

  private static final String LOGGING_EVENT = "ch.qos.logback.classic.spi.LoggingEvent";

  @Override
  public String name() {
    return "logback";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new TypeInstrumentation() {
      @Override
      public String classLoaderGate() {
        return LOGGING_EVENT;
      }

      @Override
      public TypeCandidates candidates() {
        return TypeCandidates.named(LOGGING_EVENT);
      }

      @Override
      public ElementMatcher<TypeDescription> typeMatcher() {
        return named(LOGGING_EVENT);
      }

      @Override
      public void applyAdvice(AdviceBinder binder) {
        // the logger's constructor; the no-argument one serves deserialization and tests that set every field
        binder.bind(isConstructor().and(takesArguments(6)), "io.tracer.instrumentation.logback.LoggingEventAdvice");
      }
    });
  }
}
