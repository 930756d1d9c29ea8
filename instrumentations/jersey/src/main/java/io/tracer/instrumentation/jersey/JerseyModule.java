package io.tracer.instrumentation.jersey;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeCandidates;
import io.tracer.instrumentation.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JAX-RS routes of Jersey 2.x and 3.x: when Jersey builds a request's response, the templates it matched are
 * recorded on the request for the SERVER span (the servlet module's), whose servlet mapping ({@code /api/*})
 * says nothing about the resource. Every response passes one constructor of {@code ContainerResponse}, whose
 * types are Jersey's own in both the javax and the jakarta lines.
 */
public final class JerseyModule implements InstrumentationModule {

  private static final String CONTAINER_RESPONSE = "org.glassfish.jersey.server.ContainerResponse";

  @Override
  public String name() {
    return "jersey";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new TypeInstrumentation() {
      @Override
      public String classLoaderGate() {
        return CONTAINER_RESPONSE;
      }

      @Override
      public TypeCandidates candidates() {
        return TypeCandidates.named(CONTAINER_RESPONSE);
      }

      @Override
      public ElementMatcher<TypeDescription> typeMatcher() {
        return named(CONTAINER_RESPONSE);
      }

      @Override
      public void applyAdvice(AdviceBinder binder) {
        // the constructor that the public one and Jersey's runtime both end in: once per response
        binder.bind(isConstructor().and(takesArguments(2))
            .and(takesArgument(0, named("org.glassfish.jersey.server.ContainerRequest")))
            .and(takesArgument(1, named("org.glassfish.jersey.message.internal.OutboundJaxrsResponse"))),
            "io.tracer.instrumentation.jersey.ContainerResponseAdvice");
      }
    });
  }
}
