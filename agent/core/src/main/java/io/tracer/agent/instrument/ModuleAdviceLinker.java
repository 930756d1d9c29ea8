package io.tracer.agent.instrument;

import io.tracer.bootstrap.AdviceLinker;
import java.lang.invoke.MethodHandle;
import java.lang.ref.WeakReference;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Links an advice call site to the advice class as defined by the module loader of the instrumented class's
 * class loader. Runs once per call site, so a lock and a map are fine here.
 */
final class ModuleAdviceLinker implements AdviceLinker {

  private final ClassLoader agentLoader;
  private final List<ModuleLoaders> modules = new ArrayList<>();

  /** @param applicationApiPackages the module packages whose classes see the application's OpenTelemetry API */
  ModuleAdviceLinker(ClassLoader agentLoader, List<String> modulePackages, Set<String> applicationApiPackages) {
    this.agentLoader = agentLoader;
    for (String modulePackage : modulePackages) {
      modules.add(new ModuleLoaders(modulePackage, applicationApiPackages.contains(modulePackage)));
    }
  }

  @Override
  public MethodHandle link(String adviceClassName, String adviceMethodName, MethodType type, Class<?> instrumentedType)
      throws Exception {
    for (ModuleLoaders module : modules) {
      if (adviceClassName.startsWith(module.modulePackage)) {
        ClassLoader loader = module.loaderFor(instrumentedType.getClassLoader());
        Class<?> advice = Class.forName(adviceClassName, true, loader);
        return MethodHandles.publicLookup().findStatic(advice, adviceMethodName, type);
      }
    }
    return null;
  }

  /**
   * The loaders of one module, one per application class loader that uses it. A module loader holds its
   * application loader strongly (the JVM keeps every loader whose classes a loader's classes resolved), so the
   * map holds it weakly too: a strong value would keep its own weak key, and every redeployed application,
   * alive. What keeps a module loader alive is the application itself: its linked call sites point at the
   * module's advice classes.
   */
  private final class ModuleLoaders {
    final String modulePackage;
    private final boolean seesApplicationApi;
    private final Map<ClassLoader, WeakReference<ModuleClassLoader>> byApplicationLoader = new WeakHashMap<>();
    private ModuleClassLoader forBootstrapTypes;

    ModuleLoaders(String modulePackage, boolean seesApplicationApi) {
      this.modulePackage = modulePackage;
      this.seesApplicationApi = seesApplicationApi;
    }

    synchronized ClassLoader loaderFor(ClassLoader applicationLoader) {
      if (applicationLoader == null) {
        if (forBootstrapTypes == null) {
          forBootstrapTypes = new ModuleClassLoader(agentLoader, modulePackage, null, seesApplicationApi);
        }
        return forBootstrapTypes;
      }
      WeakReference<ModuleClassLoader> cached = byApplicationLoader.get(applicationLoader);
      ModuleClassLoader loader = cached == null ? null : cached.get();
      if (loader == null) {
        loader = new ModuleClassLoader(agentLoader, modulePackage, applicationLoader, seesApplicationApi);
        byApplicationLoader.put(applicationLoader, new WeakReference<>(loader));
      }
      return loader;
    }
  }
}
