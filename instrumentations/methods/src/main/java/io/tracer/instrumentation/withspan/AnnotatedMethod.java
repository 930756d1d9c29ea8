package io.tracer.instrumentation.withspan;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.tracer.instrumentation.api.AgentLog;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import net.bytebuddy.description.method.MethodDescription;

/**
 * What one method's {@code @WithSpan} and {@code @SpanAttribute} annotations say. Read by reflection, by the
 * annotations' names: they are the application's classes (and so is the {@code SpanKind} they hold), not ours.
 */
final class AnnotatedMethod {

  private static final String SPAN_ATTRIBUTE = "io.opentelemetry.instrumentation.annotations.SpanAttribute";
  private static final String LEGACY_SPAN_ATTRIBUTE = "io.opentelemetry.extension.annotations.SpanAttribute";
  private static final AnnotatedMethod UNREADABLE = new AnnotatedMethod(null, null, SpanKind.INTERNAL, true,
      new AttributeKey<?>[0]);

  private final String spanName;
  private final String function;
  private final SpanKind kind;
  private final boolean inheritsContext;
  /** By parameter index; {@code null} for a parameter that is no attribute. */
  private final AttributeKey<?>[] parameterAttributes;

  private AnnotatedMethod(String spanName, String function, SpanKind kind, boolean inheritsContext,
      AttributeKey<?>[] parameterAttributes) {
    this.spanName = spanName;
    this.function = function;
    this.kind = kind;
    this.inheritsContext = inheritsContext;
    this.parameterAttributes = parameterAttributes;
  }

  static AnnotatedMethod read(Class<?> type, String nameAndDescriptor) {
    try {
      for (Method method : type.getDeclaredMethods()) {
        if (nameAndDescriptor.startsWith(method.getName())
            && nameAndDescriptor.equals(method.getName() + new MethodDescription.ForLoadedMethod(method).getDescriptor())) {
          return read(type, method);
        }
      }
    } catch (Throwable e) {
      AgentLog.debug("could not read the annotations of " + type.getName() + "." + nameAndDescriptor + ": " + e);
    }
    return UNREADABLE;
  }

  private static AnnotatedMethod read(Class<?> type, Method method) throws ReflectiveOperationException {
    Annotation withSpan = annotation(method.getAnnotations(), WithSpanModule.WITH_SPAN,
        WithSpanModule.LEGACY_WITH_SPAN);
    if (withSpan == null) {
      return UNREADABLE;
    }
    String value = (String) element(withSpan, "value");
    String spanName = value == null || value.isEmpty() ? type.getSimpleName() + "." + method.getName() : value;
    Object kind = element(withSpan, "kind");
    Object inheritContext = element(withSpan, "inheritContext");
    Annotation[][] parameterAnnotations = method.getParameterAnnotations();
    Parameter[] parameters = method.getParameters();
    AttributeKey<?>[] attributes = new AttributeKey<?>[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      Annotation spanAttribute = annotation(parameterAnnotations[i], SPAN_ATTRIBUTE, LEGACY_SPAN_ATTRIBUTE);
      if (spanAttribute != null) {
        String name = (String) element(spanAttribute, "value");
        if ((name == null || name.isEmpty()) && parameters[i].isNamePresent()) {
          name = parameters[i].getName();
        }
        if (name != null && !name.isEmpty()) {
          attributes[i] = attributeKey(name, parameters[i].getType());
        }
      }
    }
    return new AnnotatedMethod(spanName, type.getName() + "." + method.getName(),
        kind == null ? SpanKind.INTERNAL : SpanKind.valueOf(((Enum<?>) kind).name()),
        !Boolean.FALSE.equals(inheritContext), attributes);
  }

  private static Annotation annotation(Annotation[] annotations, String name, String legacyName) {
    for (Annotation annotation : annotations) {
      String type = annotation.annotationType().getName();
      if (type.equals(name) || type.equals(legacyName)) {
        return annotation;
      }
    }
    return null;
  }

  /** @return the element's value, or {@code null} when this version of the annotation has no such element */
  private static Object element(Annotation annotation, String name) throws ReflectiveOperationException {
    Method element;
    try {
      element = annotation.annotationType().getMethod(name);
    } catch (NoSuchMethodException absent) {
      return null;
    }
    return element.invoke(annotation);
  }

  private static AttributeKey<?> attributeKey(String name, Class<?> parameterType) {
    if (parameterType == long.class || parameterType == int.class || parameterType == short.class
        || parameterType == byte.class || parameterType == Long.class || parameterType == Integer.class
        || parameterType == Short.class || parameterType == Byte.class) {
      return AttributeKey.longKey(name);
    }
    if (parameterType == double.class || parameterType == float.class || parameterType == Double.class
        || parameterType == Float.class) {
      return AttributeKey.doubleKey(name);
    }
    if (parameterType == boolean.class || parameterType == Boolean.class) {
      return AttributeKey.booleanKey(name);
    }
    return AttributeKey.stringKey(name);
  }

  boolean traced() {
    return spanName != null;
  }

  String spanName() {
    return spanName;
  }

  String function() {
    return function;
  }

  SpanKind kind() {
    return kind;
  }

  boolean inheritsContext() {
    return inheritsContext;
  }

  @SuppressWarnings("unchecked")
  void addAttributes(SpanBuilder builder, Object[] arguments) {
    for (int i = 0; i < parameterAttributes.length && i < arguments.length; i++) {
      AttributeKey<?> key = parameterAttributes[i];
      Object argument = arguments[i];
      if (key == null || argument == null) {
        continue;
      }
      switch (key.getType()) {
        case LONG:
          builder.setAttribute((AttributeKey<Long>) key, ((Number) argument).longValue());
          break;
        case DOUBLE:
          builder.setAttribute((AttributeKey<Double>) key, ((Number) argument).doubleValue());
          break;
        case BOOLEAN:
          builder.setAttribute((AttributeKey<Boolean>) key, (Boolean) argument);
          break;
        default:
          builder.setAttribute((AttributeKey<String>) key, String.valueOf(argument));
          break;
      }
    }
  }
}
