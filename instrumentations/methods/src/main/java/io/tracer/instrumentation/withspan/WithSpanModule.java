package io.tracer.instrumentation.withspan;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeCandidates;
import io.tracer.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Methods annotated {@code @WithSpan}, of {@code opentelemetry-instrumentation-annotations} and of the older
 * {@code opentelemetry-extension-annotations}: a span per call. The annotations are matched and read by name, so
 * whatever version of them the application ships is the one that counts.
 */
public final class WithSpanModule implements InstrumentationModule {

  static final String WITH_SPAN = "io.opentelemetry.instrumentation.annotations.WithSpan";
  static final String LEGACY_WITH_SPAN = "io.opentelemetry.extension.annotations.WithSpan";

  @Override
  public String name() {
    return "annotations";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(new AnnotatedMethods(WITH_SPAN), new AnnotatedMethods(LEGACY_WITH_SPAN));
  }

  private static final class AnnotatedMethods implements TypeInstrumentation {
    private final String annotation;

    AnnotatedMethods(String annotation) {
      this.annotation = annotation;
    }

    @Override
    public String classLoaderGate() {
      return annotation;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.referencing(annotation);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return declaresMethod(annotatedMethods());
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(annotatedMethods(), "io.tracer.instrumentation.withspan.WithSpanAdvice");
    }

    private ElementMatcher.Junction<MethodDescription> annotatedMethods() {
      return isMethod().and(not(isAbstract())).and(isAnnotatedWith(named(annotation)));
    }
  }
}
