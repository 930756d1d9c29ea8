package io.tracer.smoke.app.rocketmq;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.exception.RemotingException;

/**
 * Sends to {@code topic} and answers, once the broker has the message, its id ({@code SendResult.getMsgId()}, the
 * ids joined by commas for a batch): {@code /send?topic=..} one message synchronously, {@code /send-async?topic=..}
 * one message with a callback, {@code /send-batch?topic=..&n=..} {@code n} messages in one batch.
 */
public final class SendServlet extends HttpServlet {

  private static final long ASYNC_TIMEOUT_SECONDS = 10;

  private final transient DefaultMQProducer producer;

  SendServlet(DefaultMQProducer producer) {
    this.producer = producer;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String topic = request.getParameter("topic");
    SendResult result;
    try {
      result = switch (request.getServletPath()) {
        case "/send-async" -> sendAsync(message(topic, "async"));
        case "/send-batch" -> producer.send(batch(topic, Integer.parseInt(request.getParameter("n"))));
        default -> producer.send(message(topic, "sync"));
      };
    } catch (MQClientException | RemotingException | MQBrokerException | ExecutionException | TimeoutException e) {
      throw new IOException("send to " + topic + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending to " + topic, e);
    }
    response.setContentType("text/plain");
    response.getWriter().write(result.getMsgId());
  }

  private SendResult sendAsync(Message message)
      throws MQClientException, RemotingException, InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture<SendResult> sent = new CompletableFuture<>();
    producer.send(message, new SendCallback() {
      @Override
      public void onSuccess(SendResult result) {
        sent.complete(result);
      }

      @Override
      public void onException(Throwable e) {
        sent.completeExceptionally(e);
      }
    });
    return sent.get(ASYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static List<Message> batch(String topic, int size) {
    List<Message> messages = new ArrayList<>(size);
    for (int i = 1; i <= size; i++) {
      messages.add(message(topic, "batch " + i + " of " + size));
    }
    return messages;
  }

  private static Message message(String topic, String body) {
    return new Message(topic, body.getBytes(StandardCharsets.UTF_8));
  }
}
