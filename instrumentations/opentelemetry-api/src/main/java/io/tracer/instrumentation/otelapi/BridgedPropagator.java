package io.tracer.instrumentation.otelapi;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.tracer.instrumentation.api.bridge.AgentContexts;
import java.util.Collection;

/** The agent's propagators (those of {@code otel.propagators}) for the application's own carriers. */
final class BridgedPropagator implements TextMapPropagator {

  @Override
  public Collection<String> fields() {
    return AgentContexts.propagationFields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    AgentContexts.inject(ApplicationContexts.toAgent(context), (key, value) -> setter.set(carrier, key, value));
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context base = context == null ? Context.root() : context;
    if (getter == null) {
      return base;
    }
    Object extracted = AgentContexts.extract(ApplicationContexts.toAgent(base), () -> getter.keys(carrier),
        key -> getter.get(carrier, key));
    return ApplicationContexts.fromAgent(extracted);
  }
}
