package io.tracer.instrumentation.otelapi;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ImplicitContextKeyed;
import io.tracer.instrumentation.api.bridge.AgentContexts;

/** Between the application's contexts, spans and baggage and the agent's. */
final class ApplicationContexts {

  /** The API's own keys (package-private in the API), as its span and baggage store themselves. */
  static final ContextKey<?> SPAN_KEY = keyOf(Span.getInvalid());
  static final ContextKey<?> BAGGAGE_KEY = keyOf(Baggage.empty());

  private ApplicationContexts() {}

  /** The application's view of an agent context. */
  static Context fromAgent(Object agentContext) {
    Object entries = AgentContexts.applicationContext(agentContext);
    return new BridgedContext(agentContext, entries instanceof Context ? (Context) entries : Context.root());
  }

  /** The agent context to make current for an application context, carrying the application's own entries. */
  static Object toAgent(Context context) {
    Context root = Context.root();
    if (context == root) {
      // the application clears its context (Context.root().makeCurrent()): the agent's is cleared too
      return AgentContexts.root();
    }
    if (context instanceof BridgedContext) {
      BridgedContext bridged = (BridgedContext) context;
      return bridged.applicationEntries == root
          ? bridged.agentContext
          : AgentContexts.withApplicationContext(bridged.agentContext, bridged.applicationEntries);
    }
    // made from the application's root: nothing of the agent's in it
    Object agentContext = AgentContexts.root();
    Span span = (Span) context.get(SPAN_KEY);
    if (span != null) {
      agentContext = AgentContexts.withSpan(agentContext, agentSpan(span));
    }
    Baggage baggage = (Baggage) context.get(BAGGAGE_KEY);
    if (baggage != null) {
      agentContext = AgentContexts.withBaggage(agentContext, baggageEntries(baggage));
    }
    return AgentContexts.withApplicationContext(agentContext, context);
  }

  static Object agentSpan(Span span) {
    if (span instanceof BridgedSpan) {
      return ((BridgedSpan) span).agentSpan;
    }
    return ApplicationSpanContexts.toAgentSpan(span.getSpanContext());
  }

  /**
   * @param agentSpan the agent context's span, {@code null} for none
   * @param ownSpan a span of another implementation the application made current itself, {@code null} for none
   * @return {@code ownSpan} while it is still the agent's current one, else the agent's span
   */
  static Span applicationSpan(Object agentSpan, Span ownSpan) {
    if (agentSpan == null) {
      return null;
    }
    if (ownSpan != null && ApplicationSpanContexts.sameSpan(ownSpan.getSpanContext(), agentSpan)) {
      return ownSpan;
    }
    return new BridgedSpan(agentSpan);
  }

  static Baggage applicationBaggage(String[] entries) {
    if (entries == null) {
      return null;
    }
    BaggageBuilder builder = Baggage.builder();
    for (int i = 0; i + 2 < entries.length; i += 3) {
      builder.put(entries[i], entries[i + 1], BaggageEntryMetadata.create(entries[i + 2]));
    }
    return builder.build();
  }

  static String[] baggageEntries(Baggage baggage) {
    final String[] entries = new String[baggage.size() * 3];
    final int[] next = {0};
    baggage.forEach((key, entry) -> {
      entries[next[0]++] = key;
      entries[next[0]++] = entry.getValue();
      entries[next[0]++] = entry.getMetadata().getValue();
    });
    return entries;
  }

  private static ContextKey<?> keyOf(ImplicitContextKeyed value) {
    KeyProbe probe = new KeyProbe();
    value.storeInContext(probe);
    return probe.key;
  }

  /** Records the key a value stores itself under. */
  private static final class KeyProbe implements Context {
    ContextKey<?> key;

    @Override
    public <V> V get(ContextKey<V> contextKey) {
      return null;
    }

    @Override
    public <V> Context with(ContextKey<V> contextKey, V value) {
      key = contextKey;
      return this;
    }
  }
}
