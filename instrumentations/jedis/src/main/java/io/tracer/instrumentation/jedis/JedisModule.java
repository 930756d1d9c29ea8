package io.tracer.instrumentation.jedis;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeCandidates;
import io.tracer.instrumentation.api.TypeInstrumentation;
import io.tracer.instrumentation.api.UnsupportedVersionReport;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Redis commands through Jedis 3.x to 8.x, whatever the entry point ({@code Jedis}, {@code JedisPool},
 * {@code JedisPooled}, {@code JedisCluster}): every command passes {@code Connection}, where one method writes it
 * and one method reads each reply. A command's span starts when it is written and ends when its reply is read;
 * the replies a pipeline's {@code sync} or a transaction's {@code exec} reads make one span for the batch.
 * Jedis 2.x (whose {@code sendCommand} returns the connection) and any later line whose connection changed shape
 * match nothing and stay uninstrumented.
 */
public final class JedisModule implements InstrumentationModule {

  private static final String CONNECTION = "redis.clients.jedis.Connection";
  private static final String PROTOCOL_COMMAND = "redis.clients.jedis.commands.ProtocolCommand";
  private static final String COMMAND_ARGUMENTS = "redis.clients.jedis.CommandArguments";

  /** Every reply, in every supported line, is read by this one method. */
  private static final ElementMatcher<MethodDescription> READ_REPLY =
      named("readProtocolWithCheckingBroken").and(takesArguments(0));

  /** After it, no reply to what was written before will come. */
  private static final ElementMatcher<MethodDescription> DISCONNECT = named("disconnect").and(takesArguments(0));

  @Override
  public String name() {
    return "jedis";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(new Jedis3Connection(), new JedisConnection(), new Batches(),
        new UnsupportedVersionReport("redis.clients.jedis.Jedis",
            CONNECTION, not(declaresMethod(Jedis3Connection.SEND)).and(not(declaresMethod(
                JedisConnection.SEND))),
            "Jedis: this version (2.x or a later shape) is not supported: left uninstrumented"));
  }

  /** Jedis 3.x writes every command through {@code sendCommand(ProtocolCommand, byte[]...)}. */
  private static final class Jedis3Connection implements TypeInstrumentation {
    private static final ElementMatcher<MethodDescription> SEND = named("sendCommand").and(isPublic())
        .and(returns(void.class)).and(takesArguments(2)).and(takesArgument(0, named(PROTOCOL_COMMAND)))
        .and(takesArgument(1, byte[][].class));

    @Override
    public String classLoaderGate() {
      return "redis.clients.jedis.BinaryClient";
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named(CONNECTION);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(CONNECTION).and(declaresMethod(SEND));
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(SEND, "io.tracer.instrumentation.jedis.Jedis3SendCommandAdvice");
      binder.bind(READ_REPLY, "io.tracer.instrumentation.jedis.ReadReplyAdvice");
      binder.bind(DISCONNECT, "io.tracer.instrumentation.jedis.DisconnectAdvice");
    }
  }

  /** Jedis 4.x and later write every command through {@code sendCommand(CommandArguments)}. */
  private static final class JedisConnection implements TypeInstrumentation {
    private static final ElementMatcher<MethodDescription> SEND = named("sendCommand").and(isPublic())
        .and(takesArguments(1)).and(takesArgument(0, named(COMMAND_ARGUMENTS)));

    @Override
    public String classLoaderGate() {
      return COMMAND_ARGUMENTS;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.named(CONNECTION);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(CONNECTION).and(declaresMethod(SEND));
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(SEND, "io.tracer.instrumentation.jedis.SendCommandAdvice");
      binder.bind(READ_REPLY, "io.tracer.instrumentation.jedis.ReadReplyAdvice");
      binder.bind(DISCONNECT, "io.tracer.instrumentation.jedis.DisconnectAdvice");
    }
  }

  /** {@code sync} of pipelines, {@code exec} and {@code discard} of transactions. */
  private static final class Batches implements TypeInstrumentation {
    @Override
    public String classLoaderGate() {
      return "redis.clients.jedis.StreamEntryID"; // 3.0 and later
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.extending("redis.clients.jedis.Queable", "redis.clients.jedis.PipeliningBase",
          "redis.clients.jedis.MultiNodePipelineBase");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return nameStartsWith("redis.clients.jedis.").and(not(isInterface())).and(hasSuperType(namedOneOf(
          "redis.clients.jedis.Queable", "redis.clients.jedis.PipeliningBase",
          "redis.clients.jedis.MultiNodePipelineBase")));
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(namedOneOf("sync", "syncAndReturnAll", "exec", "execGetResponse", "discard").and(isPublic())
          .and(not(isAbstract())).and(takesArguments(0)), "io.tracer.instrumentation.jedis.BatchAdvice");
    }
  }
}
