package io.tracer.smoke.app.rocketmq;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Asks PostgreSQL for each message's id back ({@code select ?}): work done inside the listener call, traced as
 * the call's children. A failed query leaves the messages for later.
 */
final class QueryingListener implements MessageListenerConcurrently {

  private final String jdbcUrl;
  private final String jdbcUser;

  QueryingListener(String jdbcUrl, String jdbcUser) {
    this.jdbcUrl = jdbcUrl;
    this.jdbcUser = jdbcUser;
  }

  @Override
  public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, jdbcUser, "");
        PreparedStatement statement = connection.prepareStatement("select ?")) {
      for (MessageExt message : messages) {
        statement.setString(1, message.getMsgId());
        try (ResultSet result = statement.executeQuery()) {
          result.next();
        }
      }
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    } catch (SQLException e) {
      e.printStackTrace();
      return ConsumeConcurrentlyStatus.RECONSUME_LATER;
    }
  }
}
