package io.tracer.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/** Resolves an advice method for an instrumented class; implemented inside the agent class loader. */
public interface AdviceLinker {

  /**
   * @return a handle of exactly {@code type}, or {@code null} when the advice cannot run next to this class
   */
  MethodHandle link(String adviceClassName, String adviceMethodName, MethodType type, Class<?> instrumentedType)
      throws Exception;
}
