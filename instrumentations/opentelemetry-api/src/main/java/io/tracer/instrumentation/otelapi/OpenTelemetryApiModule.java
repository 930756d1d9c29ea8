package io.tracer.instrumentation.otelapi;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeCandidates;
import io.tracer.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.NamedElement;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The application's own copy of the OpenTelemetry API, any 1.x: its context storage becomes the agent's context
 * (so {@code Span.current()} is the agent's span, and a span the application makes current is the parent of the
 * agent's spans), and {@code GlobalOpenTelemetry}, unless the application registered an SDK of its own, hands out
 * tracers of the agent's SDK. The module's classes see the application's API classes and implement them.
 */
public final class OpenTelemetryApiModule implements InstrumentationModule {

  private static final String CONTEXT_STORAGE = "io.opentelemetry.context.ContextStorage";
  private static final String GLOBAL_OPEN_TELEMETRY = "io.opentelemetry.api.GlobalOpenTelemetry";

  @Override
  public String name() {
    return "opentelemetry-api";
  }

  @Override
  public boolean seesApplicationOpenTelemetryApi() {
    return true;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(
        new StaticGetter(CONTEXT_STORAGE, named("get"), "io.tracer.instrumentation.otelapi.ContextStorageAdvice"),
        new StaticGetter(GLOBAL_OPEN_TELEMETRY, named("get").or(named("getOrNoop")),
            "io.tracer.instrumentation.otelapi.GlobalOpenTelemetryAdvice"));
  }

  /** A static method without arguments of one API class, whose result the advice may replace. */
  private static final class StaticGetter implements TypeInstrumentation {
    private final String typeName;
    private final ElementMatcher.Junction<NamedElement> methodNames;
    private final String advice;

    StaticGetter(String typeName, ElementMatcher.Junction<NamedElement> methodNames,
        String advice) {
      this.typeName = typeName;
      this.methodNames = methodNames;
      this.advice = advice;
    }

    @Override
    public String classLoaderGate() {
      return typeName;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named(typeName);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(typeName);
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(isStatic().and(methodNames).and(takesNoArguments()), advice);
    }
  }
}
