package io.tracer.bootstrap;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;

/**
 * The invokedynamic bootstrap method of every advice call. Instrumented methods do not carry advice code inlined:
 * they call it through invokedynamic, linked once per call site to the advice class loaded next to the
 * instrumented class (see the agent's module class loaders). When linking fails for any reason, the call site is
 * bound to a no-op and the application runs untraced at that place.
 */
public final class AdviceBootstrap {

  private static volatile AdviceLinker linker;
  private static volatile boolean failureReported;

  private AdviceBootstrap() {}

  public static void install(AdviceLinker adviceLinker) {
    linker = adviceLinker;
  }

  /**
   * ByteBuddy's default bootstrap arguments: the advice class name, 0 for enter or 1 for exit, the instrumented
   * type, the instrumented method's name and (except for type initializers) its handle.
   */
  public static CallSite bootstrap(
      MethodHandles.Lookup caller, String adviceMethodName, MethodType type, Object... arguments) {
    try {
      AdviceLinker current = linker;
      if (current != null) {
        MethodHandle target =
            current.link((String) arguments[0], adviceMethodName, type, (Class<?>) arguments[2]);
        if (target != null) {
          return new ConstantCallSite(target.asType(type));
        }
      }
    } catch (Throwable failure) {
      if (!failureReported) {
        failureReported = true;
        System.err.println("[tracer] advice " + arguments[0] + " not linked, that code runs untraced: " + failure);
      }
    }
    return new ConstantCallSite(noOp(type));
  }

  private static MethodHandle noOp(MethodType type) {
    Class<?> returnType = type.returnType();
    MethodHandle result;
    if (returnType == void.class) {
      try {
        result = MethodHandles.lookup().findStatic(AdviceBootstrap.class, "nothing", MethodType.methodType(void.class));
      } catch (ReflectiveOperationException impossible) {
        throw new IllegalStateException(impossible);
      }
    } else if (returnType.isPrimitive()) {
      result = MethodHandles.constant(returnType, Array.get(Array.newInstance(returnType, 1), 0));
    } else {
      result = MethodHandles.constant(returnType, null);
    }
    return MethodHandles.dropArguments(result, 0, type.parameterArray());
  }

  @SuppressWarnings("unused") // bound by noOp
  private static void nothing() {}
}
