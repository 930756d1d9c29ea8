package io.tracer.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
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
 * Incoming HTTP requests of any servlet container, through the Servlet API only: {@code Servlet.service} and
 * {@code Filter.doFilter} of javax.servlet 3.0+ and jakarta.servlet 5+. Servlet 2.5 and older containers (no
 * {@code AsyncContext}) stay uninstrumented.
 */
public final class ServletModule implements InstrumentationModule {

  @Override
  public String name() {
    return "servlet";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(
        new ServletApiInstrumentation("javax.servlet", "javax.servlet.AsyncContext",
            "io.tracer.instrumentation.servlet.javax.JavaxServletAdvice"),
        new ServletApiInstrumentation("jakarta.servlet", "jakarta.servlet.http.HttpServletMapping",
            "io.tracer.instrumentation.servlet.jakarta.JakartaServletAdvice"),
        new UnsupportedVersionReport("javax.servlet.Servlet",
            "javax.servlet.ServletRequest", not(declaresMethod(named("getAsyncContext"))),
            "Servlet: javax.servlet 2.5 or older (no AsyncContext) is not supported: left uninstrumented"));
  }

  /** The same two entry points in either package of the Servlet API. */
  private static final class ServletApiInstrumentation implements TypeInstrumentation {
    private final String apiPackage;
    private final String gate;
    private final String advice;

    ServletApiInstrumentation(String apiPackage, String gate, String advice) {
      this.apiPackage = apiPackage;
      this.gate = gate;
      this.advice = advice;
    }

    @Override
    public String classLoaderGate() {
      return gate;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.extending(apiPackage + ".Servlet", apiPackage + ".Filter");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return not(isInterface()).and(hasSuperType(
          named(apiPackage + ".Servlet").or(named(apiPackage + ".Filter"))));
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      String request = apiPackage + ".ServletRequest";
      String response = apiPackage + ".ServletResponse";
      binder.bind(named("service").and(isPublic()).and(not(isAbstract())).and(takesArguments(2))
          .and(takesArgument(0, named(request))).and(takesArgument(1, named(response))), advice);
      binder.bind(named("doFilter").and(isPublic()).and(not(isAbstract())).and(takesArguments(3))
          .and(takesArgument(0, named(request))).and(takesArgument(1, named(response)))
          .and(takesArgument(2, named(apiPackage + ".FilterChain"))), advice);
    }
  }
}
