package io.tracer.agent.instrument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;

/**
 * Defines one instrumentation module's classes (advice and helpers) next to one application class loader: the
 * module's own package comes from tracer.jar, the agent's packages (SDK, API, ByteBuddy) from the agent class
 * loader, everything else (the instrumented library, the JDK) from the application's class loader. So module
 * code compiles against the library as it is, and the application still never sees the agent's dependencies.
 *
 * <p>A module that bridges the application's own OpenTelemetry API takes {@code io.opentelemetry.*} from the
 * application's class loader instead, so that its classes implement the application's API interfaces.
 */
final class ModuleClassLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final String[] AGENT_PACKAGES = {"io.tracer.", "io.opentelemetry.", "net.bytebuddy."};
  private static final String OPENTELEMETRY_PACKAGE = "io.opentelemetry.";

  private static final ClassLoader PLATFORM_LOADER = ClassLoader.getSystemClassLoader().getParent();

  private final ClassLoader agentLoader;
  private final String modulePackage;
  /** Weak: this loader is cached per application loader, and must not keep a dropped one alive. */
  private final WeakReference<ClassLoader> applicationLoader;
  private final boolean forBootstrapTypes;
  private final boolean seesApplicationApi;

  /**
   * @param agentLoader where the agent's classes and the module's class files come from: the agent class loader
   *     in tracer.jar, the test class path in instrumentation tests
   * @param seesApplicationApi whether {@code io.opentelemetry.*} comes from the application's loader
   */
  ModuleClassLoader(ClassLoader agentLoader, String modulePackage, ClassLoader applicationLoader,
      boolean seesApplicationApi) {
    super(null);
    this.agentLoader = agentLoader;
    this.modulePackage = modulePackage;
    this.applicationLoader = new WeakReference<>(applicationLoader);
    this.forBootstrapTypes = applicationLoader == null;
    this.seesApplicationApi = seesApplicationApi;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        if (name.startsWith(modulePackage)) {
          loaded = defineModuleClass(name);
        } else if (isAgentClass(name)) {
          loaded = agentLoader.loadClass(name);
        } else {
          loaded = applicationLoader().loadClass(name);
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  private Class<?> defineModuleClass(String name) throws ClassNotFoundException {
    byte[] bytes = classFile(name);
    return defineClass(name, bytes, 0, bytes.length, ModuleClassLoader.class.getProtectionDomain());
  }

  private byte[] classFile(String name) throws ClassNotFoundException {
    try (InputStream in = agentLoader.getResourceAsStream(name.replace('.', '/') + ".class")) {
      if (in == null) {
        throw new ClassNotFoundException(name);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
      byte[] buffer = new byte[8192];
      for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
        out.write(buffer, 0, read);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }

  private ClassLoader applicationLoader() throws ClassNotFoundException {
    if (forBootstrapTypes) {
      return PLATFORM_LOADER;
    }
    ClassLoader loader = applicationLoader.get();
    if (loader == null) {
      throw new ClassNotFoundException("the application class loader is gone");
    }
    return loader;
  }

  private boolean isAgentClass(String name) {
    if (seesApplicationApi && name.startsWith(OPENTELEMETRY_PACKAGE)) {
      return false;
    }
    for (String agentPackage : AGENT_PACKAGES) {
      if (name.startsWith(agentPackage)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "tracer module loader " + modulePackage + " for " + applicationLoader.get();
  }
}
