package io.tracer.instrumentation.jul;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
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
 * {@code java.util.logging}: every record passes {@code Logger.log(LogRecord)}, where records at the configured
 * level become span events and, when configured, the message gets the trace ids (JUL has no context map to put
 * them in, see {@link JulRecords}).
 */
public final class JulModule implements InstrumentationModule {

  private static final String LOGGER = "java.util.logging.Logger";

  @Override
  public String name() {
    return "jul";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new TypeInstrumentation() {
      @Override
      public String classLoaderGate() {
        return LOGGER;
      }

      @Override
      public TypeCandidates candidates() {
        return TypeCandidates.named(LOGGER);
      }

      @Override
      public ElementMatcher<TypeDescription> typeMatcher() {
        return named(LOGGER);
      }

      @Override
      public void applyAdvice(AdviceBinder binder) {
        binder.bind(named("log").and(takesArguments(1)).and(takesArgument(0, named("java.util.logging.LogRecord"))),
            "io.tracer.instrumentation.jul.LogRecordAdvice");
      }
    });
  }
}
