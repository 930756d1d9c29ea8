package io.tracer.instrumentation.jobrunr;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeCandidates;
import io.tracer.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JobRunr jobs, through JobRunr's own job filters: one advice gives every {@code JobDefaultFilters} (the
 * schedulers' and the background job server's) a {@link TracingJobFilter}. Two more complete what filters cannot
 * see: the scheduler's save of new jobs (the PRODUCER span's duration, failure and batches) and the end of a
 * worker's run (where a failed run has learnt whether it will be retried, and where a run cut short by an
 * {@code Error} is still closed).
 */
public final class JobRunrModule implements InstrumentationModule {

  /** Exists in every JobRunr with job filters; the versions without the hooks we need are told apart later. */
  private static final String GATE = "org.jobrunr.jobs.filters.JobServerFilter";
  private static final String ADVICE_PACKAGE = "io.tracer.instrumentation.jobrunr.";

  @Override
  public String name() {
    return "jobrunr";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(
        new JobRunrType("org.jobrunr.jobs.filters.JobDefaultFilters") {
          @Override
          public void applyAdvice(AdviceBinder binder) {
            binder.bind(isConstructor().and(takesArguments(1)).and(takesArgument(0, List.class)),
                ADVICE_PACKAGE + "JobFilterRegistrationAdvice");
          }
        },
        new JobRunrType("org.jobrunr.scheduling.AbstractJobScheduler") {
          @Override
          public void applyAdvice(AdviceBinder binder) {
            binder.bind(named("saveJob").and(takesArguments(1)).and(takesArgument(0, named("org.jobrunr.jobs.Job"))),
                ADVICE_PACKAGE + "EnqueueAdvice");
            binder.bind(named("saveJobs").and(takesArguments(1)).and(takesArgument(0, List.class)),
                ADVICE_PACKAGE + "BatchEnqueueAdvice");
          }
        },
        new JobRunrType("org.jobrunr.server.BackgroundJobPerformer") {
          @Override
          public void applyAdvice(AdviceBinder binder) {
            binder.bind(named("run").and(takesArguments(0)), ADVICE_PACKAGE + "JobRunEndAdvice");
          }
        });
  }

  /** One JobRunr class, matched by its name. */
  private abstract static class JobRunrType implements TypeInstrumentation {
    private final String typeName;

    JobRunrType(String typeName) {
      this.typeName = typeName;
    }

    @Override
    public String classLoaderGate() {
      return GATE;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named(typeName);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(typeName);
    }
  }
}
