package io.tracer.agent.instrument;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Passes the class loaders that can see a library's marker class, so that type matching never runs where the
 * library is absent (or in a version we do not support). Looked up as a resource, never loaded, and remembered
 * per class loader.
 */
final class ClassLoaderGate extends ElementMatcher.Junction.AbstractBase<ClassLoader> {

  private final String resourceName;
  private final Map<ClassLoader, Boolean> answers = new WeakHashMap<>();
  private volatile Boolean bootstrapAnswer;

  ClassLoaderGate(String markerClassName) {
    this.resourceName = markerClassName.replace('.', '/') + ".class";
  }

  @Override
  public boolean matches(ClassLoader loader) {
    if (loader == null) {
      Boolean answer = bootstrapAnswer;
      if (answer == null) {
        ClassLoader platform = ClassLoader.getSystemClassLoader().getParent();
        answer = platform != null && platform.getResource(resourceName) != null;
        bootstrapAnswer = answer;
      }
      return answer;
    }
    return answerFor(loader);
  }

  private synchronized boolean answerFor(ClassLoader loader) {
    Boolean answer = answers.get(loader);
    if (answer == null) {
      answer = loader.getResource(resourceName) != null;
      answers.put(loader, answer);
    }
    return answer;
  }
}
