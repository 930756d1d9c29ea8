package io.tracer.instrumentation.withspan;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.methodspan.MethodSpan;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Starts the span of an annotated method's call, from what its annotations said (read once per method). */
final class AnnotatedSpans {

  private static final Tracer TRACER = AgentServices.tracer("annotations");

  /** Per class (so a dropped class loader is not held), its methods by name and descriptor. */
  private static final ClassValue<Map<String, AnnotatedMethod>> METHODS =
      new ClassValue<Map<String, AnnotatedMethod>>() {
        @Override
        protected Map<String, AnnotatedMethod> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private AnnotatedSpans() {}

  /** @return the span to end, or {@code null} when the method's annotations could not be read */
  static MethodSpan start(Class<?> type, String nameAndDescriptor, Object[] arguments) {
    Map<String, AnnotatedMethod> methods = METHODS.get(type);
    AnnotatedMethod method = methods.get(nameAndDescriptor);
    if (method == null) {
      method = AnnotatedMethod.read(type, nameAndDescriptor);
      methods.put(nameAndDescriptor, method);
    }
    if (!method.traced()) {
      return null;
    }
    SpanBuilder builder = TRACER.spanBuilder(method.spanName()).setSpanKind(method.kind())
        .setAttribute(MethodSpan.CODE_FUNCTION, method.function());
    method.addAttributes(builder, arguments);
    Context current = Context.current();
    return MethodSpan.start(builder, method.inheritsContext() ? current : Context.root(), current);
  }
}
