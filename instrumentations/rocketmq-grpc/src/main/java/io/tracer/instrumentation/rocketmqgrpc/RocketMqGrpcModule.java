package io.tracer.instrumentation.rocketmqgrpc;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
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
 * The RocketMQ gRPC client ({@code rocketmq-client-java} 5.x). Its messages are immutable: the trace context goes
 * into the copy the producer makes of each message to send, never into the application's own. Sends are advised on
 * the producer, push consumers' listeners wrapped where the consumer is built, simple consumers' receives advised.
 */
public final class RocketMqGrpcModule implements InstrumentationModule {

  static final String NAME = "rocketmq-grpc";
  private static final String PACKAGE = "io.tracer.instrumentation.rocketmqgrpc.";
  private static final String CLIENT = "org.apache.rocketmq.client.java.";
  private static final String API = "org.apache.rocketmq.client.apis.";
  private static final String PRODUCER_GATE = CLIENT + "impl.producer.ProducerImpl";
  private static final String CONSUMER_GATE = CLIENT + "impl.consumer.PushConsumerImpl";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(new ProducerInstrumentation(), new MessageCopyInstrumentation(),
        new PushConsumerInstrumentation(), new SimpleConsumerInstrumentation());
  }

  private static final class ProducerInstrumentation implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return PRODUCER_GATE;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named(PRODUCER_GATE);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(PRODUCER_GATE);
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(named("send").and(isPublic()).and(takesArguments(1))
          .and(takesArgument(0, named(API + "message.Message"))), PACKAGE + "SendAdvice");
      binder.bind(named("send").and(isPublic()).and(takesArguments(2))
          .and(takesArgument(0, named(API + "message.Message")))
          .and(takesArgument(1, named(API + "producer.Transaction"))), PACKAGE + "TransactionalSendAdvice");
      binder.bind(named("sendAsync").and(isPublic()).and(takesArguments(1))
          .and(takesArgument(0, named(API + "message.Message"))), PACKAGE + "SendAsyncAdvice");
    }
  }

  /** The copy of an application's message that the producer builds, and encodes, for each send. */
  private static final class MessageCopyInstrumentation implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return PRODUCER_GATE;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named(CLIENT + "message.MessageImpl");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(CLIENT + "message.MessageImpl");
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(isConstructor().and(takesArguments(1)).and(takesArgument(0, named(API + "message.Message"))),
          PACKAGE + "MessageCopyAdvice");
    }
  }

  private static final class PushConsumerInstrumentation implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return CONSUMER_GATE;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named(CONSUMER_GATE);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(CONSUMER_GATE);
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      // every constructor; the shorter ones of 5.1+ call through to the longest
      binder.bind(isConstructor().and(takesArgument(0, named(API + "ClientConfiguration")))
          .and(takesArgument(1, String.class))
          .and(takesArgument(3, named(API + "consumer.MessageListener"))), PACKAGE + "ListenerWrapAdvice");
    }
  }

  private static final class SimpleConsumerInstrumentation implements TypeInstrumentation {
    private static final String SIMPLE_CONSUMER = CLIENT + "impl.consumer.SimpleConsumerImpl";

    @Override
    public String classLoaderGate() {
      return SIMPLE_CONSUMER;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named(SIMPLE_CONSUMER);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(SIMPLE_CONSUMER);
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(named("receive").and(isPublic()).and(takesArguments(int.class, java.time.Duration.class)),
          PACKAGE + "ReceiveAdvice");
      binder.bind(named("receiveAsync").and(isPublic()).and(takesArguments(int.class, java.time.Duration.class)),
          PACKAGE + "ReceiveAsyncAdvice");
    }
  }
}
