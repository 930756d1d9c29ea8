package io.tracer.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * OkHttp 3.9+ and 4.x through its own hook: every {@code OkHttpClient} gets one application interceptor, which
 * sees each call once (redirects and retries happen below it) and writes the headers. Async calls also remember
 * the caller's context at {@code enqueue}, for the span's parent and for the callback.
 */
public final class OkHttpModule implements InstrumentationModule {

  static final String NAME = "okhttp";
  /** {@code Interceptor.Chain.call()}, which the interceptor needs, came with it in 3.9. */
  private static final String GATE = "okhttp3.EventListener";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(new ClientInstrumentation(), new CallInstrumentation());
  }

  private static final class ClientInstrumentation implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return GATE;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("okhttp3.OkHttpClient");
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(isConstructor().and(takesArguments(1)).and(takesArgument(0, named("okhttp3.OkHttpClient$Builder"))),
          ClientConstructionAdvice.class.getName());
    }
  }

  /** The call implementation: {@code okhttp3.RealCall} in 3.x, {@code okhttp3.internal.connection.RealCall} since 4. */
  private static final class CallInstrumentation implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return GATE;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("okhttp3.RealCall").or(named("okhttp3.internal.connection.RealCall"));
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(named("enqueue").and(takesArguments(1)).and(takesArgument(0, named("okhttp3.Callback"))),
          EnqueueAdvice.class.getName());
    }
  }
}
