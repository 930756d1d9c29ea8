package io.tracer.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
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
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * OkHttp 3.9+ and 4.x through its own hook: every {@code OkHttpClient} gets one application interceptor, which
 * sees each call once (redirects and retries happen below it) and writes the headers. Async calls also remember
 * the caller's context at {@code enqueue}, for the span's parent and for the callback. OkHttp 3.0 to 3.8 (without
 * {@code EventListener}) and OkHttp 2.x (package {@code com.squareup.okhttp}) stay uninstrumented.
 */
public final class OkHttpModule implements InstrumentationModule {

  static final String NAME = "okhttp";
  /**
   * {@code Interceptor.Chain.call()}, which the interceptor needs, came with it in 3.9. OkHttp 3.8 already has a
   * package-private {@code EventListener}: the types below are matched by their 3.9 shape too.
   */
  private static final String GATE = "okhttp3.EventListener";
  /** Public since 3.9, package-private in 3.8. */
  private static final ElementMatcher<MethodDescription> PUBLIC_EVENT_LISTENER_FACTORY =
      named("eventListenerFactory").and(isPublic());

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(new ClientInstrumentation(), new CallInstrumentation(),
        new UnsupportedVersionReport("okhttp3.OkHttpClient",
            "okhttp3.OkHttpClient", not(declaresMethod(PUBLIC_EVENT_LISTENER_FACTORY)),
            "OkHttp: this version (3.0 to 3.8) is not supported: left uninstrumented"),
        new UnsupportedVersionReport("com.squareup.okhttp.OkHttpClient", "com.squareup.okhttp.OkHttpClient", any(),
            "OkHttp: 2.x (com.squareup.okhttp) is not supported: left uninstrumented"));
  }

  private static final class ClientInstrumentation implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return GATE;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named("okhttp3.OkHttpClient");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("okhttp3.OkHttpClient").and(declaresMethod(PUBLIC_EVENT_LISTENER_FACTORY));
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(isConstructor().and(takesArguments(1)).and(takesArgument(0, named("okhttp3.OkHttpClient$Builder"))),
          ClientConstructionAdvice.class.getName());
    }
  }

  /**
   * The call implementation: {@code okhttp3.RealCall} in 3.x (created by {@code newRealCall} since 3.9),
   * {@code okhttp3.internal.connection.RealCall} since 4.
   */
  private static final class CallInstrumentation implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return GATE;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named("okhttp3.RealCall", "okhttp3.internal.connection.RealCall");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("okhttp3.RealCall").and(declaresMethod(named("newRealCall")))
          .or(named("okhttp3.internal.connection.RealCall"));
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(named("enqueue").and(takesArguments(1)).and(takesArgument(0, named("okhttp3.Callback"))),
          EnqueueAdvice.class.getName());
    }
  }
}
