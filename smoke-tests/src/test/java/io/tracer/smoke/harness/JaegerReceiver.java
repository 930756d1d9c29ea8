package io.tracer.smoke.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jaegertracing.agent.thrift.Agent;
import io.jaegertracing.thriftjava.Batch;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.transport.TMemoryInputTransport;

/**
 * What a Jaeger collector's HTTP endpoint ({@code /api/traces}, binary Thrift) and a Jaeger agent's UDP port (compact
 * Thrift {@code emitBatch}) would receive, on loopback, decoded with Jaeger's own generated Thrift classes. Keeps
 * every batch with the transport it came over; something that does not decode is kept as a failure to report.
 */
public final class JaegerReceiver implements AutoCloseable {

  public enum Transport { COLLECTOR_HTTP, AGENT_UDP }

  public record ReceivedBatch(Transport transport, Batch batch) {}

  private final HttpServer collector;
  private final ExecutorService collectorThreads = Executors.newCachedThreadPool();
  private final DatagramSocket agent;
  private final Thread agentReader;
  private final List<ReceivedBatch> batches = new ArrayList<>();
  private final List<String> undecodable = new ArrayList<>();

  public JaegerReceiver() throws IOException {
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext("/api/traces", this::handleCollectorRequest);
    collector.setExecutor(collectorThreads);
    collector.start();
    agent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    agentReader = new Thread(this::readDatagrams, "jaeger-agent-receiver");
    agentReader.setDaemon(true);
    agentReader.start();
  }

  public String collectorEndpoint() {
    return "http://127.0.0.1:" + collector.getAddress().getPort() + "/api/traces";
  }

  public int agentPort() {
    return agent.getLocalPort();
  }

  private void handleCollectorRequest(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    try {
      Batch batch = new Batch();
      new TDeserializer(new TBinaryProtocol.Factory()).deserialize(batch, body);
      received(new ReceivedBatch(Transport.COLLECTOR_HTTP, batch));
      exchange.sendResponseHeaders(202, -1);
    } catch (TException malformed) {
      failed("collector request of " + body.length + " bytes: " + malformed);
      exchange.sendResponseHeaders(400, -1);
    }
    exchange.close();
  }

  private void readDatagrams() {
    byte[] buffer = new byte[65_535];
    while (!agent.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        agent.receive(packet);
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        failed("datagram receive: " + e);
        continue;
      }
      byte[] datagram = Arrays.copyOf(packet.getData(), packet.getLength());
      try {
        TCompactProtocol protocol = new TCompactProtocol(new TMemoryInputTransport(datagram));
        TMessage message = protocol.readMessageBegin();
        if (!"emitBatch".equals(message.name)) {
          failed("datagram calling " + message.name);
          continue;
        }
        Agent.emitBatch_args arguments = new Agent.emitBatch_args();
        arguments.read(protocol);
        received(new ReceivedBatch(Transport.AGENT_UDP, arguments.getBatch()));
      } catch (TException malformed) {
        failed("datagram of " + datagram.length + " bytes: " + malformed);
      }
    }
  }

  private synchronized void received(ReceivedBatch batch) {
    batches.add(batch);
    notifyAll();
  }

  private synchronized void failed(String what) {
    undecodable.add(what);
    notifyAll();
  }

  /**
   * Every batch received so far once {@code complete} accepts them, waiting for more until the time-out.
   *
   * @throws AssertionError with what did arrive, if the time-out passes or something arrived that did not decode
   */
  public synchronized List<ReceivedBatch> awaitBatches(Predicate<List<ReceivedBatch>> complete, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (undecodable.isEmpty() && !complete.test(List.copyOf(batches))) {
      long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (remainingMillis <= 0) {
        throw new AssertionError("the expected Jaeger batches did not arrive within " + timeout + "; received "
            + batches);
      }
      wait(remainingMillis);
    }
    if (!undecodable.isEmpty()) {
      throw new AssertionError("received what Jaeger's Thrift classes cannot decode: " + undecodable);
    }
    return List.copyOf(batches);
  }

  @Override
  public void close() throws InterruptedException {
    collector.stop(0);
    collectorThreads.shutdownNow();
    agent.close();
    agentReader.join(10_000);
  }
}
