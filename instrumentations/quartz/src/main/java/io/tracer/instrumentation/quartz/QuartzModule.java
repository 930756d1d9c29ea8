package io.tracer.instrumentation.quartz;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeCandidates;
import io.tracer.instrumentation.api.TypeInstrumentation;
import io.tracer.instrumentation.api.UnsupportedVersionReport;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Quartz 2.x jobs: a span around each {@code Job.execute}, and the trace context of the code that schedules a
 * trigger stored in the trigger's data (so it survives a JDBC job store and runs on any node of a cluster).
 * Quartz 1.x (no {@code JobKey}, a {@code JobDetail} class) stays uninstrumented.
 */
public final class QuartzModule implements InstrumentationModule {

  /** {@code JobKey} came with Quartz 2.0. */
  private static final String QUARTZ_2 = "org.quartz.JobKey";

  @Override
  public String name() {
    return "quartz";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(new JobInstrumentation(), new JobStoreInstrumentation(),
        new UnsupportedVersionReport("org.quartz.Job", "org.quartz.JobDetail", not(isInterface()),
            "Quartz: this version (1.x) is not supported: left uninstrumented"));
  }

  /** Every job class's {@code execute(JobExecutionContext)}. */
  private static final class JobInstrumentation implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return QUARTZ_2;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.extending("org.quartz.Job");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return not(isInterface()).and(hasSuperType(named("org.quartz.Job")));
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(named("execute").and(not(isAbstract())).and(takesArguments(1))
          .and(takesArgument(0, named("org.quartz.JobExecutionContext"))),
          "io.tracer.instrumentation.quartz.JobExecuteAdvice");
    }
  }

  /** Where any job store (RAM, JDBC, others) takes new or replaced triggers. */
  private static final class JobStoreInstrumentation implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return QUARTZ_2;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.extending("org.quartz.spi.JobStore");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return not(isInterface()).and(hasSuperType(named("org.quartz.spi.JobStore")));
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(namedOneOf("storeTrigger", "storeJobAndTrigger", "replaceTrigger", "storeJobsAndTriggers")
          .and(not(isAbstract())).and(takesArguments(2)), "io.tracer.instrumentation.quartz.TriggerStoredAdvice");
    }
  }
}
