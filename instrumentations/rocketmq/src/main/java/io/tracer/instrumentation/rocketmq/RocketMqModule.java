package io.tracer.instrumentation.rocketmq;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeCandidates;
import io.tracer.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The RocketMQ remoting client ({@code rocketmq-client} 4.8, 4.9 and 5.x). Producers get the library's own
 * {@code SendMessageHook} at construction; the listener of every push consumer is wrapped where the consume
 * service receives it, so the listener runs inside its CONSUMER span and its exceptions are seen; lite pull
 * consumers' polls are advised directly, and transaction listeners wrapped where the producer fetches them.
 */
public final class RocketMqModule implements InstrumentationModule {

  static final String PACKAGE = "io.tracer.instrumentation.rocketmq.";

  @Override
  public String name() {
    return "rocketmq";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(new ProducerInstrumentation(), new ConsumeServiceInstrumentation(),
        new LitePullInstrumentation());
  }

  private static final class ProducerInstrumentation implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return "org.apache.rocketmq.client.hook.SendMessageHook";
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named("org.apache.rocketmq.client.impl.producer.DefaultMQProducerImpl");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("org.apache.rocketmq.client.impl.producer.DefaultMQProducerImpl");
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      // the one-argument constructor delegates to this one
      binder.bind(isConstructor().and(takesArguments(2))
          .and(takesArgument(0, named("org.apache.rocketmq.client.producer.DefaultMQProducer"))),
          PACKAGE + "ProducerHookAdvice");
      binder.bind(named("getCheckListener").and(takesArguments(0)), PACKAGE + "CheckListenerAdvice");
      // the asynchronous sends that hand the message to the producer's executor; shorter overloads call these
      binder.bind(asyncSend(3, 1), PACKAGE + "AsyncSendAdvice");
      binder.bind(asyncSend(4, 2), PACKAGE + "AsyncSendToQueueAdvice");
      binder.bind(asyncSend(5, 3), PACKAGE + "AsyncSendWithSelectorAdvice");
    }
  }

  private static ElementMatcher.Junction<MethodDescription> asyncSend(int arguments, int callbackIndex) {
    return named("send").and(isPublic()).and(takesArguments(arguments))
        .and(takesArgument(0, named("org.apache.rocketmq.common.message.Message")))
        .and(takesArgument(callbackIndex, named("org.apache.rocketmq.client.producer.SendCallback")))
        .and(takesArgument(arguments - 1, long.class));
  }

  private static final class ConsumeServiceInstrumentation implements TypeInstrumentation {
    private static final String IMPL = "org.apache.rocketmq.client.impl.consumer.";

    @Override
    public String classLoaderGate() {
      return "org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly";
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named(IMPL + "ConsumeMessageConcurrentlyService", IMPL + "ConsumeMessageOrderlyService",
          IMPL + "ConsumeMessagePopConcurrentlyService", IMPL + "ConsumeMessagePopOrderlyService");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return namedOneOf(IMPL + "ConsumeMessageConcurrentlyService", IMPL + "ConsumeMessageOrderlyService",
          IMPL + "ConsumeMessagePopConcurrentlyService", IMPL + "ConsumeMessagePopOrderlyService");
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(isConstructor().and(takesArguments(2))
          .and(takesArgument(0, named(IMPL + "DefaultMQPushConsumerImpl"))), PACKAGE + "ListenerWrapAdvice");
    }
  }

  private static final class LitePullInstrumentation implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return "org.apache.rocketmq.client.consumer.DefaultLitePullConsumer";
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named("org.apache.rocketmq.client.impl.consumer.DefaultLitePullConsumerImpl");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("org.apache.rocketmq.client.impl.consumer.DefaultLitePullConsumerImpl");
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(named("poll").and(isPublic()).and(takesArguments(long.class)), PACKAGE + "LitePullPollAdvice");
    }
  }
}
