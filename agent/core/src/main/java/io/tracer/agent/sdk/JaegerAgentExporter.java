package io.tracer.agent.sdk;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends spans to a Jaeger agent's UDP port as one-way {@code Agent.emitBatch} calls in Thrift's compact protocol,
 * as jaeger-client libraries do. A batch is split over as many datagrams as it needs, each at most
 * {@link #MAX_DATAGRAM_BYTES} (the agent's default maximum packet size); a span that does not fit in one datagram
 * on its own is lost, and counted.
 *
 * <p>The socket is connected to the agent, so that once the kernel has heard that nothing listens there, the next
 * send fails and the loss is told instead of going unnoticed.
 */
final class JaegerAgentExporter implements SpanExporter {

  static final int MAX_DATAGRAM_BYTES = 65_000;
  /**
   * At most what a message needs besides its process and spans: the message header (protocol, type, sequence id,
   * "emitBatch"), the arguments' and the batch's field headers and stops, and the spans' list header.
   */
  private static final int MESSAGE_OVERHEAD_BYTES = 32;

  private final String host;
  private final int port;
  private final DatagramSocket socket;
  private final AtomicInteger sequenceIds = new AtomicInteger();

  JaegerAgentExporter(String host, int port) throws SocketException {
    this.host = host;
    this.port = port;
    this.socket = new DatagramSocket();
  }

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> spans) {
    if (socket.isClosed()) {
      return CompletableResultCode.ofFailure();
    }
    try {
      connect();
    } catch (IOException unresolvable) {
      return CompletableResultCode.ofExceptionalFailure(unresolvable);
    }
    Losses losses = new Losses();
    for (Map.Entry<Resource, List<SpanData>> group : JaegerThriftEncoder.byResource(spans).entrySet()) {
      sendInDatagrams(group.getKey(), group.getValue(), losses);
    }
    return losses.spans == 0 ? CompletableResultCode.ofSuccess()
        : CompletableResultCode.ofExceptionalFailure(new SpansLostException(losses.spans, losses.reason));
  }

  /** Resolves the agent's address on the first export, and again after a failed lookup. */
  private void connect() throws IOException {
    if (socket.isConnected()) {
      return;
    }
    InetSocketAddress agent = new InetSocketAddress(host, port);
    if (agent.isUnresolved()) {
      throw new UnknownHostException(host);
    }
    socket.connect(agent);
  }

  private void sendInDatagrams(Resource resource, List<SpanData> spans, Losses losses) {
    ThriftCompactWriter writer = new ThriftCompactWriter();
    JaegerThriftEncoder.writeProcess(writer, resource);
    byte[] process = writer.toByteArray();
    int room = MAX_DATAGRAM_BYTES - MESSAGE_OVERHEAD_BYTES - process.length;
    List<byte[]> datagramSpans = new ArrayList<>();
    int datagramBytes = 0;
    for (SpanData span : spans) {
      writer.reset();
      JaegerThriftEncoder.writeSpan(writer, span);
      if (writer.size() > room) {
        losses.add(1, "its Thrift encoding (" + writer.size() + " bytes) does not fit in one UDP datagram ("
            + MAX_DATAGRAM_BYTES + " bytes)");
        continue;
      }
      if (datagramBytes + writer.size() > room) {
        send(process, datagramSpans, losses);
        datagramSpans.clear();
        datagramBytes = 0;
      }
      datagramSpans.add(writer.toByteArray());
      datagramBytes += writer.size();
    }
    if (!datagramSpans.isEmpty()) {
      send(process, datagramSpans, losses);
    }
  }

  private void send(byte[] process, List<byte[]> spans, Losses losses) {
    ThriftCompactWriter message = new ThriftCompactWriter();
    message.onewayMessageBegin("emitBatch", sequenceIds.incrementAndGet());
    message.structBegin();
    message.fieldStruct(1);
    message.structBegin();
    message.fieldStruct(1);
    message.structBytes(process);
    message.fieldStructList(2, spans.size());
    for (byte[] span : spans) {
      message.structBytes(span);
    }
    message.structEnd();
    message.structEnd();
    byte[] datagram = message.toByteArray();
    try {
      socket.send(new DatagramPacket(datagram, datagram.length));
    } catch (IOException | RuntimeException failure) {
      losses.add(spans.size(), "export failed: " + failure);
    }
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public synchronized CompletableResultCode shutdown() {
    socket.close();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "JaegerAgentExporter{" + host + ":" + port + "}";
  }

  /** What one export could not send, and the last reason. */
  private static final class Losses {
    long spans;
    String reason;

    void add(long lost, String why) {
      spans += lost;
      reason = why;
    }
  }
}
