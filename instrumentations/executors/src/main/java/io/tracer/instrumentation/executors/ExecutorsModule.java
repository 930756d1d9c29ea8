package io.tracer.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeCandidates;
import io.tracer.instrumentation.api.TypeInstrumentation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Carries the current trace context into work handed to other threads: the JDK's executors (through the tasks
 * they run: {@code FutureTask}, {@code ForkJoinTask}, and plain runnables given to
 * {@code ThreadPoolExecutor.execute}), {@code CompletableFuture} async stages, new threads and virtual threads.
 * The context travels beside the task (see {@link PropagatedContexts}), never in a wrapper, so the application
 * sees exactly the task objects it submitted.
 */
public final class ExecutorsModule implements InstrumentationModule {

  private static final String PACKAGE = "io.tracer.instrumentation.executors.";
  private static final String TASK_CREATED = PACKAGE + "TaskCreatedAdvice";
  private static final String TASK_RUN = PACKAGE + "TaskRunAdvice";
  private static final String OUTSIDE_TRACE = PACKAGE + "OutsideTraceAdvice";
  private static final String JUC = "java.util.concurrent.";

  @Override
  public String name() {
    return "executors";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(
        Bindings.named(JUC + "FutureTask")
            .bind(isConstructor(), TASK_CREATED)
            .bind(named("run").and(takesArguments(0)), PACKAGE + "FutureTaskRunAdvice"),
        Bindings.named(JUC + "ForkJoinTask")
            .bind(isConstructor(), TASK_CREATED)
            .bind(named("doExec").and(takesArguments(0)), TASK_RUN),
        // run directly (not through doExec) when CompletableFuture's executor is not a ForkJoinPool
        Bindings.named(JUC + "CompletableFuture$Completion")
            .bind(named("run").and(takesArguments(0)), TASK_RUN),
        Bindings.named(JUC + "CompletableFuture$AsyncSupply", JUC + "CompletableFuture$AsyncRun")
            .bind(isConstructor(), PACKAGE + "AsyncTaskCreatedAdvice")
            .bind(named("run").and(takesArguments(0)), TASK_RUN),
        Bindings.named(JUC + "CompletableFuture$UniCompletion")
            .bind(isConstructor(), PACKAGE + "StageCreatedAdvice"),
        Bindings.named(JUC + "ThreadPoolExecutor")
            .bind(named("execute").and(takesArguments(1)), PACKAGE + "TaskSubmittedAdvice")
            .bind(named("addWorker"), OUTSIDE_TRACE)
            .bind(named("getTask").and(takesArguments(0)), PACKAGE + "PoolTaskTakenAdvice"),
        Bindings.named(JUC + "ThreadPoolExecutor$Worker")
            .bind(named("run").and(takesArguments(0)), PACKAGE + "PoolWorkerAdvice"),
        Bindings.named(JUC + "ScheduledThreadPoolExecutor")
            .bind(namedOneOf("scheduleAtFixedRate", "scheduleWithFixedDelay"), OUTSIDE_TRACE),
        Bindings.named("java.lang.Thread")
            .bind(isConstructor(), PACKAGE + "ThreadCreatedAdvice")
            .bind(named("run").and(takesArguments(0)).or(named("runWith").and(takesArguments(2))),
                PACKAGE + "ThreadRunAdvice"),
        // the JDK's virtual thread factories make per-task threads, which do take the context
        new Bindings(TypeCandidates.extending(JUC + "ThreadFactory"),
            not(isInterface()).and(not(nameStartsWith("java.lang.ThreadBuilders")))
                .and(hasSuperType(named(JUC + "ThreadFactory"))))
            .bind(named("newThread").and(takesArguments(1)).and(not(isAbstract())), OUTSIDE_TRACE));
  }

  /** Matched types and the advice bound to their methods. */
  private static final class Bindings implements TypeInstrumentation {
    private final TypeCandidates candidates;
    private final ElementMatcher<TypeDescription> types;
    private final List<ElementMatcher<? super MethodDescription>> methods = new ArrayList<>();
    private final List<String> advice = new ArrayList<>();

    Bindings(TypeCandidates candidates, ElementMatcher<TypeDescription> types) {
      this.candidates = candidates;
      this.types = types;
    }

    static Bindings named(String... typeNames) {
      return new Bindings(TypeCandidates.named(typeNames), namedOneOf(typeNames));
    }

    Bindings bind(ElementMatcher<? super MethodDescription> matcher, String adviceClassName) {
      methods.add(matcher);
      advice.add(adviceClassName);
      return this;
    }

    @Override
    public String classLoaderGate() {
      return JUC + "ThreadFactory";
    }

    @Override
    public TypeCandidates candidates() {
      return candidates;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return types;
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      for (int i = 0; i < methods.size(); i++) {
        binder.bind(methods.get(i), advice.get(i));
      }
    }
  }
}
