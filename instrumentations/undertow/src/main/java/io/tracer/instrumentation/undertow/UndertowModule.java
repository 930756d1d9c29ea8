package io.tracer.instrumentation.undertow;

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
 * What Undertow 2.x needs beyond the Servlet API hooks of the servlet module. When an exception escapes to it,
 * Undertow resets the response and then clears its headers again before writing its error page, so the trace id
 * response header set when the span started would be lost exactly where a caller most needs it.
 */
public final class UndertowModule implements InstrumentationModule {

  private static final String SERVLET_RESPONSE = "io.undertow.servlet.spec.HttpServletResponseImpl";

  @Override
  public String name() {
    return "undertow";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new TypeInstrumentation() {
      @Override
      public String classLoaderGate() {
        return SERVLET_RESPONSE;
      }

      @Override
      public TypeCandidates candidates() {
        return TypeCandidates.named(SERVLET_RESPONSE);
      }

      @Override
      public ElementMatcher<TypeDescription> typeMatcher() {
        return named(SERVLET_RESPONSE);
      }

      @Override
      public void applyAdvice(AdviceBinder binder) {
        binder.bind(named("reset").and(takesArguments(0)), "io.tracer.instrumentation.undertow.ResponseResetAdvice");
      }
    });
  }
}
