package io.tracer.instrumentation.javahttpclient;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
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
 * Outgoing requests of {@code java.net.http.HttpClient} (Java 11+). The public API is abstract; every client the
 * JDK builds delegates to {@code jdk.internal.net.http.HttpClientImpl}, whose public {@code send} and
 * {@code sendAsync} are instrumented. Its package is not exported, so advice names only the public API types.
 */
public final class JavaHttpClientModule implements InstrumentationModule {

  static final String NAME = "java-http-client";
  private static final String IMPLEMENTATION = "jdk.internal.net.http.HttpClientImpl";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new HttpClientImplInstrumentation());
  }

  private static final class HttpClientImplInstrumentation implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return IMPLEMENTATION;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named(IMPLEMENTATION);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(IMPLEMENTATION);
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(named("send").and(isPublic()).and(takesArguments(2))
          .and(takesArgument(0, named("java.net.http.HttpRequest"))), SendAdvice.class.getName());
      binder.bind(named("sendAsync").and(isPublic()).and(takesArguments(2).or(takesArguments(3)))
          .and(takesArgument(0, named("java.net.http.HttpRequest"))), SendAsyncAdvice.class.getName());
    }
  }
}
