package io.tracer.instrumentation.httpurlconnection;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
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
 * Outgoing requests of the JDK's {@code HttpURLConnection} ({@code sun.net.www.protocol.http.HttpURLConnection},
 * which the https implementation delegates to as well), and so of every library built on it. The request starts
 * at the first of {@code connect}, {@code getOutputStream} and {@code getInputStream}, and ends when
 * {@code getInputStream} (which {@code getResponseCode} and the header getters call) has the response.
 */
public final class HttpUrlConnectionModule implements InstrumentationModule {

  static final String NAME = "http-url-connection";
  private static final String IMPLEMENTATION = "sun.net.www.protocol.http.HttpURLConnection";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new ConnectionInstrumentation());
  }

  private static final class ConnectionInstrumentation implements TypeInstrumentation {
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
      binder.bind(named("connect").or(named("getOutputStream")).and(isPublic()).and(takesArguments(0)),
          RequestStartAdvice.class.getName());
      binder.bind(named("getInputStream").and(isPublic()).and(takesArguments(0)), ResponseAdvice.class.getName());
    }
  }
}
