package io.tracer.instrumentation.lettuce;

import static net.bytebuddy.matcher.ElementMatchers.declaresField;
import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
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
 * Redis commands through Lettuce 5.1 to 7.x, from the sync, async and reactive APIs alike: all of them hand each
 * command to {@code RedisChannelHandler.dispatch} on the caller's thread, where its span starts as a child of the
 * caller's context; it ends when the command completes, that is when its reply has been decoded (or it failed, or
 * was cancelled). Where the connection points and its initial database are taken when {@code RedisClient} connects
 * it to a {@code RedisURI}.
 *
 * <p>Lettuce's own {@code Tracing} SPI was not used: its {@code Tracer.Span.start} changed signature between 5.x
 * and 6.x, applications (Spring Boot with Micrometer) often configure a {@code Tracing} of their own that ours
 * would displace, and it tells neither the database index nor, in 5.x, the command.
 */
public final class LettuceModule implements InstrumentationModule {

  /** In 5.1 and later; 5.0 and the {@code com.lambdaworks} 4.x line stay uninstrumented. */
  private static final String GATE = "io.lettuce.core.tracing.Tracing";

  @Override
  public String name() {
    return "lettuce";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(new Dispatch(), new Connect(), new SyncWait(),
        // the field came with the Tracing SPI in 5.1: without it, the gate above keeps the module away
        new UnsupportedVersionReport("io.lettuce.core.RedisClient",
            "io.lettuce.core.RedisChannelHandler", not(declaresField(named("tracingEnabled"))),
            "Lettuce: this version (5.0) is not supported: left uninstrumented"));
  }

  private static final class Dispatch implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return GATE;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named("io.lettuce.core.RedisChannelHandler");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("io.lettuce.core.RedisChannelHandler");
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(named("dispatch").and(takesArguments(1))
          .and(takesArgument(0, named("io.lettuce.core.protocol.RedisCommand"))),
          "io.tracer.instrumentation.lettuce.DispatchAdvice");
      binder.bind(named("dispatch").and(takesArguments(1)).and(takesArgument(0, named("java.util.Collection"))),
          "io.tracer.instrumentation.lettuce.DispatchAllAdvice");
    }
  }

  /** Where the sync API waits for a reply, and cancels the command when its timeout passes. */
  private static final class SyncWait implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return GATE;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named("io.lettuce.core.LettuceFutures", "io.lettuce.core.internal.Futures");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return namedOneOf("io.lettuce.core.LettuceFutures", "io.lettuce.core.internal.Futures");
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(named("awaitOrCancel").and(isStatic()), "io.tracer.instrumentation.lettuce.AwaitOrCancelAdvice");
    }
  }

  private static final class Connect implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return GATE;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named("io.lettuce.core.RedisClient");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("io.lettuce.core.RedisClient");
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(named("connectStatefulAsync").and(isPrivate()), "io.tracer.instrumentation.lettuce.ConnectAdvice");
    }
  }
}
