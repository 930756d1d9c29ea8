package io.tracer.instrumentation.api;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The advice applied to one kind of type of a library. */
public interface TypeInstrumentation {

  /**
   * A class that exists only in the supported versions of the library. A class loader that cannot see it is
   * skipped before any type matching, so the check costs one lookup per class loader.
   */
  String classLoaderGate();

  /** The classes worth asking {@link #typeMatcher()} about: at least every class it matches. */
  TypeCandidates candidates();

  /** Cheap checks (names) first, expensive ones (the type hierarchy) last. */
  ElementMatcher<TypeDescription> typeMatcher();

  void applyAdvice(AdviceBinder binder);
}
