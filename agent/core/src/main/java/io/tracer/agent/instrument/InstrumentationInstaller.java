package io.tracer.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.tracer.bootstrap.AdviceBootstrap;
import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.AgentLog;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Turns the enabled modules into one ByteBuddy transformer. Advice is not inlined: each instrumented method gets
 * an invokedynamic call to {@link AdviceBootstrap}, linked once to the module's advice class next to the
 * instrumented class's loader (see {@link ModuleAdviceLinker}).
 */
public final class InstrumentationInstaller {

  private InstrumentationInstaller() {}

  /**
   * @param agentLoader the loader of the agent's own classes, never instrumented; in instrumentation tests the
   *     test class path, whose classes must stay instrumentable, so there it is only the source of module classes
   * @param agentLoaderIgnored whether classes defined by {@code agentLoader} are left alone
   */
  public static void install(Instrumentation instrumentation, ClassLoader agentLoader, boolean agentLoaderIgnored,
      List<InstrumentationModule> modules) throws NoSuchMethodException {
    List<String> modulePackages = new ArrayList<>();
    Set<String> applicationApiPackages = new HashSet<>();
    for (InstrumentationModule module : modules) {
      String descriptor = module.getClass().getName();
      String modulePackage = descriptor.substring(0, descriptor.lastIndexOf('.') + 1);
      modulePackages.add(modulePackage);
      if (module.seesApplicationOpenTelemetryApi()) {
        applicationApiPackages.add(modulePackage);
      }
    }
    AdviceBootstrap.install(new ModuleAdviceLinker(agentLoader, modulePackages, applicationApiPackages));

    Method bootstrap = AdviceBootstrap.class.getMethod("bootstrap",
        MethodHandles.Lookup.class, String.class, MethodType.class, Object[].class);
    // AssignReturned lets non-inlined advice replace an argument or a return value (a request rebuilt with
    // propagation headers, a future that completes in the caller's context); it skips a null (nothing to replace),
    // and a failure inside it leaves the method's own values in place
    Advice.WithCustomMapping dispatch = Advice.withCustomMapping()
        .with(new Advice.AssignReturned.Factory().withSuppressed(Throwable.class))
        .bootstrap(bootstrap);

    CandidateClasses candidates = new CandidateClasses();
    AgentBuilder builder = newAgentBuilder()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        // classes loaded while loaded ones are retransformed (a JDK class's nested classes, resolved to match it)
        // are not transformed then: look again until no new class turns up
        .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE)
        .with(new FailureListener())
        .with(byteBuddy -> CandidateFilteringTransformer.wrap(byteBuddy, candidates,
            agentLoaderIgnored ? agentLoader : null))
        .ignore(new AgentOwnClasses(agentLoaderIgnored ? agentLoader : null))
        .or(new OpenTelemetryJavaagentClasses())
        .or(new LoadedNonCandidates(candidates));
    for (InstrumentationModule module : modules) {
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        AdviceBindings bindings = new AdviceBindings(new AgentBuilder.Transformer.ForAdvice(dispatch).include(agentLoader));
        type.applyAdvice(bindings);
        ClassLoaderGate gate = new ClassLoaderGate(type.classLoaderGate());
        candidates.watch(type.candidates(), gate);
        builder = builder.type(type.typeMatcher(), gate)
            .transform(new LegacyClassFileUpgrade())
            .transform(bindings.transformer());
      }
    }
    builder.installOn(instrumentation);
  }

  /**
   * ByteBuddy's default builder would put its {@code Nexus} class into the system class loader (through
   * {@code sun.misc.Unsafe}, which Java 24+ reports on stderr). Our advice needs no type initializer, so that
   * injection is switched off, only while our copy of ByteBuddy initializes: the application's own ByteBuddy,
   * if any, reads the property later and finds it as the application left it.
   */
  private static AgentBuilder newAgentBuilder() {
    String property = "net.bytebuddy.nexus.disabled";
    String previous = System.getProperty(property);
    System.setProperty(property, "true");
    try {
      return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED));
    } finally {
      if (previous == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, previous);
      }
    }
  }

  /** Folds a type instrumentation's bindings into one advice transformer. */
  private static final class AdviceBindings implements AdviceBinder {
    private AgentBuilder.Transformer.ForAdvice transformer;

    AdviceBindings(AgentBuilder.Transformer.ForAdvice transformer) {
      this.transformer = transformer;
    }

    @Override
    public void bind(ElementMatcher<? super MethodDescription> methods, String adviceClassName) {
      transformer = transformer.advice(methods, adviceClassName);
    }

    AgentBuilder.Transformer.ForAdvice transformer() {
      return transformer;
    }
  }

  /** The agent's own classes, ByteBuddy's, and generated classes are never transformed. */
  private static final class AgentOwnClasses implements AgentBuilder.RawMatcher {
    private final ClassLoader agentLoader;
    private final ElementMatcher<TypeDescription> ignoredNames = nameStartsWith("io.tracer.")
        .or(nameStartsWith("net.bytebuddy."))
        .or(nameStartsWith("sun.reflect."))
        .or(nameStartsWith("jdk.internal.reflect."))
        .or(nameContains("$$Lambda"))
        .<TypeDescription>or(isSynthetic());

    /** @param agentLoader {@code null} when the agent's loader holds application classes too (tests) */
    AgentOwnClasses(ClassLoader agentLoader) {
      this.agentLoader = agentLoader;
    }

    @Override
    public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module, Class<?> beingRedefined,
        ProtectionDomain protectionDomain) {
      return (agentLoader != null && loader == agentLoader) || loader instanceof ModuleClassLoader
          || ignoredNames.matches(type);
    }
  }

  /**
   * Loaded classes that no instrumentation could match: ByteBuddy would otherwise match them one by one when it
   * looks for classes to retransform. Classes being loaded were already filtered by
   * {@link CandidateFilteringTransformer}.
   */
  private static final class LoadedNonCandidates implements AgentBuilder.RawMatcher {
    private final CandidateClasses candidates;

    LoadedNonCandidates(CandidateClasses candidates) {
      this.candidates = candidates;
    }

    @Override
    public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module, Class<?> beingRedefined,
        ProtectionDomain protectionDomain) {
      return beingRedefined != null && !candidates.isCandidate(loader, beingRedefined);
    }
  }

  /** A class we could not transform stays as it was; say why only when debugging. */
  private static final class FailureListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
      AgentLog.debug("left " + typeName + " uninstrumented: " + error);
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
        net.bytebuddy.dynamic.DynamicType dynamicType) {
      AgentLog.debug("instrumented " + type.getName());
    }
  }
}
