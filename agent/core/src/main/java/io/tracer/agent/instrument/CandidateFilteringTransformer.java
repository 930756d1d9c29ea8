package io.tracer.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.ProtectionDomain;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.MethodCall;

/**
 * ByteBuddy's transformer behind a cheap question: a class being loaded for the first time reaches ByteBuddy only
 * if it is a {@link CandidateClasses candidate}. Retransformations always do, as ByteBuddy chose those classes
 * itself. On Java 9+ the JVM hands transformers the class's module; a subclass generated at start-up takes that
 * entry point and passes the module on, so ByteBuddy sees the same call it would without this filter.
 */
public class CandidateFilteringTransformer extends ResettableClassFileTransformer.WithDelegation {

  private final CandidateClasses candidates;
  private final ClassLoader skippedLoader;
  /** {@code ClassFileTransformer.transform(Module, ...)}, its module typed as {@code Object}; null before Java 9. */
  private final MethodHandle moduleTransform;
  private final ThreadLocal<Boolean> deciding = new ThreadLocal<>();

  protected CandidateFilteringTransformer(ResettableClassFileTransformer byteBuddy, CandidateClasses candidates,
      ClassLoader skippedLoader, MethodHandle moduleTransform) {
    super(byteBuddy);
    this.candidates = candidates;
    this.skippedLoader = skippedLoader;
    this.moduleTransform = moduleTransform;
  }

  /**
   * @param skippedLoader a loader whose classes are never transformed (the agent's own), or null
   */
  static ResettableClassFileTransformer wrap(ResettableClassFileTransformer byteBuddy, CandidateClasses candidates,
      ClassLoader skippedLoader) {
    Class<?> moduleType;
    try {
      moduleType = Class.forName("java.lang.Module");
    } catch (ClassNotFoundException java8) {
      return new CandidateFilteringTransformer(byteBuddy, candidates, skippedLoader, null);
    }
    try {
      MethodHandle moduleTransform = MethodHandles.publicLookup()
          .findVirtual(ClassFileTransformer.class, "transform", MethodType.methodType(byte[].class, moduleType,
              ClassLoader.class, String.class, Class.class, ProtectionDomain.class, byte[].class))
          .asType(MethodType.methodType(byte[].class, ClassFileTransformer.class, Object.class, ClassLoader.class,
              String.class, Class.class, ProtectionDomain.class, byte[].class));
      Class<? extends CandidateFilteringTransformer> withModules = new ByteBuddy()
          .with(TypeValidation.DISABLED)
          .subclass(CandidateFilteringTransformer.class)
          .method(named("transform").and(takesArgument(0, moduleType)))
          .intercept(MethodCall.invoke(CandidateFilteringTransformer.class.getMethod("transformInModule",
              Object.class, ClassLoader.class, String.class, Class.class, ProtectionDomain.class, byte[].class))
              .withAllArguments())
          .make()
          .load(CandidateFilteringTransformer.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
          .getLoaded();
      return withModules.getDeclaredConstructor(ResettableClassFileTransformer.class, CandidateClasses.class,
          ClassLoader.class, MethodHandle.class).newInstance(byteBuddy, candidates, skippedLoader, moduleTransform);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError unexpected) {
      // without the filter every class goes to ByteBuddy: slower to start, the same classes instrumented
      return byteBuddy;
    }
  }

  @Override
  public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
    if (classBeingRedefined == null && !isCandidate(loader, internalName, classFile)) {
      return null;
    }
    return classFileTransformer.transform(loader, internalName, classBeingRedefined, protectionDomain, classFile);
  }

  /** The Java 9+ entry point, called by the generated subclass with the class's {@code java.lang.Module}. */
  public byte[] transformInModule(Object module, ClassLoader loader, String internalName,
      Class<?> classBeingRedefined, ProtectionDomain protectionDomain, byte[] classFile) throws Throwable {
    if (classBeingRedefined == null && !isCandidate(loader, internalName, classFile)) {
      return null;
    }
    return (byte[]) moduleTransform.invokeExact((ClassFileTransformer) classFileTransformer, module, loader,
        internalName, classBeingRedefined, protectionDomain, classFile);
  }

  private boolean isCandidate(ClassLoader loader, String internalName, byte[] classFile) {
    if (internalName == null || classFile == null || loader instanceof ModuleClassLoader
        || (skippedLoader != null && loader == skippedLoader)) {
      return false;
    }
    // reading a super type's class file may load a class on this thread: let ByteBuddy judge that one
    if (deciding.get() != null) {
      return true;
    }
    deciding.set(Boolean.TRUE);
    try {
      return candidates.isCandidate(loader, internalName, classFile);
    } catch (RuntimeException | LinkageError unexpected) {
      return true;
    } finally {
      deciding.remove();
    }
  }
}
