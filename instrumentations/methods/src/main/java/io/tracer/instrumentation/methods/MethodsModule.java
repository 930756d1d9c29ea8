package io.tracer.instrumentation.methods;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeCandidates;
import io.tracer.instrumentation.api.TypeInstrumentation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.NamedElement;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Methods named in {@code otel.instrumentation.methods.include}: an INTERNAL span per call, with no code change.
 * With nothing configured the module has nothing to install.
 */
public final class MethodsModule implements InstrumentationModule {

  /** Every class loader can see it: the configured classes are the application's own, no library to wait for. */
  private static final String ANY_CLASS_LOADER = "java.lang.Object";

  @Override
  public String name() {
    return "methods";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    List<TypeInstrumentation> types = new ArrayList<>();
    for (MethodSelection selection : MethodSelection.fromConfig(AgentServices.config())) {
      types.add(new SelectedMethods(selection));
    }
    return types;
  }

  private static final class SelectedMethods implements TypeInstrumentation {
    private final MethodSelection selection;

    SelectedMethods(MethodSelection selection) {
      this.selection = selection;
    }

    @Override
    public String classLoaderGate() {
      return ANY_CLASS_LOADER;
    }

    @Override
    public TypeCandidates candidates() {
      TypeCandidates byName = TypeCandidates.matching(selection.type::matches);
      return selection.type.hasWildcard() ? byName : byName.or(TypeCandidates.extending(selection.type.text()));
    }

    /** A wildcard pattern matches class names; an exact name matches that class and its implementations. */
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      ElementMatcher.Junction<TypeDescription> byName = new NameMatcher<>(selection.type);
      if (selection.type.hasWildcard()) {
        return byName;
      }
      return byName.or(not(isInterface()).and(hasSuperType(named(selection.type.text()))));
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      ElementMatcher.Junction<MethodDescription> names = null;
      for (NamePattern method : selection.methods) {
        NameMatcher<MethodDescription> matcher = new NameMatcher<>(method);
        names = names == null ? matcher : names.or(matcher);
      }
      binder.bind(isMethod().and(not(isAbstract())).and(not(isSynthetic())).and(names),
          "io.tracer.instrumentation.methods.ConfiguredMethodAdvice");
    }
  }

  private static final class NameMatcher<T extends NamedElement.WithRuntimeName> extends ElementMatcher.Junction.AbstractBase<T> {
    private final NamePattern pattern;

    NameMatcher(NamePattern pattern) {
      this.pattern = pattern;
    }

    @Override
    public boolean matches(T target) {
      return pattern.matches(target.getName());
    }
  }
}
