package io.tracer.instrumentation.methods;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.tracer.instrumentation.methodspan.MethodSpan;
import io.tracer.instrumentation.api.AgentServices;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts the INTERNAL span of a configured method's call, named {@code PaymentService.charge}. An overload or a
 * recursion of the same method inside its own span adds none: one call of {@code find*} is one span.
 */
final class ConfiguredSpans {

  /** The instrumentation scope the agent's slow-method filter knows these spans by. */
  private static final Tracer TRACER = AgentServices.tracer("methods");

  private static final ContextKey<Object> RUNNING = ContextKey.named("tracer-methods-running");

  /** Per class (so a dropped class loader is not held), its configured methods by name. */
  private static final ClassValue<Map<String, ConfiguredMethod>> METHODS =
      new ClassValue<Map<String, ConfiguredMethod>>() {
        @Override
        protected Map<String, ConfiguredMethod> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private ConfiguredSpans() {}

  static MethodSpan start(Class<?> type, String methodName) {
    Map<String, ConfiguredMethod> methods = METHODS.get(type);
    ConfiguredMethod method = methods.get(methodName);
    if (method == null) {
      method = new ConfiguredMethod(type, methodName);
      methods.put(methodName, method);
    }
    Context current = Context.current();
    if (current.get(RUNNING) == method) {
      return null;
    }
    return MethodSpan.start(TRACER.spanBuilder(method.spanName).setSpanKind(SpanKind.INTERNAL)
        .setAttribute(MethodSpan.CODE_FUNCTION, method.function), current, current.with(RUNNING, method));
  }

  /** A method name of one class: overloads share it. */
  private static final class ConfiguredMethod {
    final String function;
    final String spanName;

    ConfiguredMethod(Class<?> type, String methodName) {
      String simpleName = type.getSimpleName().isEmpty()
          ? type.getName().substring(type.getName().lastIndexOf('.') + 1) : type.getSimpleName();
      this.function = type.getName() + "." + methodName;
      this.spanName = simpleName + "." + methodName;
    }
  }
}
