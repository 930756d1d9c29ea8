package io.tracer.agent.sdk;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.tracer.instrumentation.api.AgentLog;
import java.util.Collection;

/**
 * One configured propagator whose failure stays its own: an extraction that throws leaves the context as it was, an
 * injection that throws writes nothing more of this format, and the other formats go on. The SDK's W3C baggage
 * propagator, for one, throws on injecting a value with a lone UTF-16 surrogate, which a message property or the
 * application's own baggage can hold; a carrier's setter may refuse a header value too. The line that tells it names
 * the exception's type only: its message may quote a header value, a credential perhaps.
 */
final class FailSafePropagator implements TextMapPropagator {

  private final TextMapPropagator delegate;

  FailSafePropagator(TextMapPropagator delegate) {
    this.delegate = delegate;
  }

  @Override
  public Collection<String> fields() {
    return delegate.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    try {
      delegate.inject(context, carrier, setter);
    } catch (RuntimeException | LinkageError failure) {
      AgentLog.once("inject " + delegate, "propagator " + delegate + " failed to write its headers (told once, "
          + "the other formats are written): " + failure.getClass().getName());
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    try {
      return delegate.extract(context, carrier, getter);
    } catch (RuntimeException | LinkageError failure) {
      AgentLog.once("extract " + delegate, "propagator " + delegate + " failed to read its headers (told once, "
          + "the request goes on without them): " + failure.getClass().getName());
      return context;
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
