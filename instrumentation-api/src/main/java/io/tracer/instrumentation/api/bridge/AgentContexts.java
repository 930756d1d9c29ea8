package io.tracer.instrumentation.api.bridge;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.tracer.instrumentation.api.AgentServices;
import java.util.Collection;
import java.util.Collections;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The agent's contexts, for the bridge of the application's own OpenTelemetry API (JDK types only, see
 * {@link AgentSpans}). The agent's context is the one current context of a thread: the span and baggage the
 * application sees are the agent's, and what else the application keeps in its context rides along in one entry
 * of the agent's, so it follows the agent's context across threads.
 */
public final class AgentContexts {

  private static final ContextKey<Object> APPLICATION_CONTEXT = ContextKey.named("tracer.application-context");

  private AgentContexts() {}

  /** Whether an application's API classes are the agent's own (instrumentation tests): then nothing is bridged. */
  public static boolean isAgentApi(ClassLoader applicationApiLoader) {
    return applicationApiLoader == Context.class.getClassLoader();
  }

  public static Object current() {
    return Context.current();
  }

  public static Object root() {
    return Context.root();
  }

  public static boolean isRoot(Object context) {
    return context == Context.root();
  }

  /** @return the context's span, {@code null} when it has none with a valid span context */
  public static Object span(Object context) {
    Span span = Span.fromContextOrNull((Context) context);
    return span != null && span.getSpanContext().isValid() ? span : null;
  }

  public static Object withSpan(Object context, Object span) {
    return ((Context) context).with((Span) span);
  }

  /** @return what the application keeps in its context besides span and baggage, {@code null} for nothing */
  public static Object applicationContext(Object context) {
    return ((Context) context).get(APPLICATION_CONTEXT);
  }

  public static Object withApplicationContext(Object context, Object applicationContext) {
    return ((Context) context).with(APPLICATION_CONTEXT, applicationContext);
  }

  /** @return the scope to {@link #close} */
  public static Object makeCurrent(Object context) {
    return ((Context) context).makeCurrent();
  }

  public static void close(Object scope) {
    ((Scope) scope).close();
  }

  /** @return {@code {key, value, metadata, ...}}, {@code null} when the context has no baggage */
  public static String[] baggage(Object context) {
    Baggage baggage = Baggage.fromContextOrNull((Context) context);
    if (baggage == null || baggage.isEmpty()) {
      return null;
    }
    final String[] entries = new String[baggage.size() * 3];
    final int[] next = {0};
    baggage.forEach((key, entry) -> {
      entries[next[0]++] = key;
      entries[next[0]++] = entry.getValue();
      entries[next[0]++] = entry.getMetadata().getValue();
    });
    return entries;
  }

  /** @param entries {@code {key, value, metadata, ...}}; empty for no baggage */
  public static Object withBaggage(Object context, String[] entries) {
    BaggageBuilder builder = Baggage.builder();
    for (int i = 0; i + 2 < entries.length; i += 3) {
      builder.put(entries[i], entries[i + 1], BaggageEntryMetadata.create(entries[i + 2]));
    }
    return ((Context) context).with(builder.build());
  }

  public static Collection<String> propagationFields() {
    return Collections.unmodifiableCollection(AgentServices.propagator().fields());
  }

  /** Writes the context's propagation headers (the agent's propagators) through {@code setter}. */
  public static void inject(Object context, BiConsumer<String, String> setter) {
    AgentServices.propagator().inject((Context) context, setter, HeaderSetter.INSTANCE);
  }

  /** @return {@code context} with what the agent's propagators read through {@code getter} */
  public static Object extract(Object context, Supplier<Iterable<String>> keys, Function<String, String> getter) {
    return AgentServices.propagator().extract((Context) context, new Headers(keys, getter), HeaderGetter.INSTANCE);
  }

  private enum HeaderSetter implements TextMapSetter<BiConsumer<String, String>> {
    INSTANCE;

    @Override
    public void set(BiConsumer<String, String> carrier, String key, String value) {
      if (carrier != null) {
        carrier.accept(key, value);
      }
    }
  }

  /** The application's carrier, as its getter reads it. */
  private static final class Headers {
    final Supplier<Iterable<String>> keys;
    final Function<String, String> values;

    Headers(Supplier<Iterable<String>> keys, Function<String, String> values) {
      this.keys = keys;
      this.values = values;
    }
  }

  private enum HeaderGetter implements TextMapGetter<Headers> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Headers carrier) {
      Iterable<String> keys = carrier.keys.get();
      return keys == null ? Collections.<String>emptyList() : keys;
    }

    @Override
    public String get(Headers carrier, String key) {
      return carrier == null ? null : carrier.values.apply(key);
    }
  }
}
