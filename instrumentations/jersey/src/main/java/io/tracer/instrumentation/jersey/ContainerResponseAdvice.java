package io.tracer.instrumentation.jersey;

import net.bytebuddy.asm.Advice;
import org.glassfish.jersey.server.ContainerRequest;

/** After {@code new ContainerResponse(request, response)}: the request has been routed, or found no resource. */
public final class ContainerResponseAdvice {

  private ContainerResponseAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.Argument(0) ContainerRequest request) {
    JerseyRoutes.record(request);
  }
}
