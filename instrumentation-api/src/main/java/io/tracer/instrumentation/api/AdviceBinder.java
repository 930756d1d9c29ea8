package io.tracer.instrumentation.api;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Binds advice to methods. Advice methods are {@code public static}, declared with {@code inline = false} and
 * {@code suppress = Throwable.class}, and use in their signatures only JDK types, the library's types and
 * {@code Object}: they are called through invokedynamic from the instrumented class.
 */
public interface AdviceBinder {

  void bind(ElementMatcher<? super MethodDescription> methods, String adviceClassName);
}
