package io.tracer.instrumentation.api;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A type instrumentation that instruments nothing: where a library is present in a version outside a module's
 * supported range, recognised by the shape of one of its types, it says so once at debug level. The library then
 * runs untouched.
 */
public final class UnsupportedVersionReport implements TypeInstrumentation {

  private final String libraryGate;
  private final String shapedType;
  private final ElementMatcher<TypeDescription> unsupportedShape;
  private final String message;

  /**
   * @param libraryGate a class of the library in every version, supported or not
   * @param shapedType the library's type whose shape tells the version
   * @param unsupportedShape matches {@code shapedType} as it is only in unsupported versions
   * @param message what the debug line says, e.g. {@code "Jedis 2.x is not supported: left uninstrumented"}
   */
  public UnsupportedVersionReport(String libraryGate, String shapedType,
      ElementMatcher<TypeDescription> unsupportedShape, String message) {
    this.libraryGate = libraryGate;
    this.shapedType = shapedType;
    this.unsupportedShape = unsupportedShape;
    this.message = message;
  }

  @Override
  public String classLoaderGate() {
    return libraryGate;
  }

  @Override
  public TypeCandidates candidates() {
    return TypeCandidates.named(shapedType);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
      @Override
      public boolean matches(TypeDescription type) {
        if (AgentLog.isDebugEnabled() && type.getName().equals(shapedType) && unsupportedShape.matches(type)) {
          AgentLog.once(message, "debug: " + message);
        }
        return false;
      }
    };
  }

  @Override
  public void applyAdvice(AdviceBinder binder) {
    // nothing to instrument
  }
}
