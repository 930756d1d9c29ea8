package io.tracer.instrumentation.rocketmqgrpc;

import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.config.TracerConfig;
import io.tracer.instrumentation.api.http.PathFilter;
import java.util.Collections;

/** The {@code rocketmq} section of the configuration, which this module shares with the remoting client's. */
final class RocketMqGrpcSettings {

  static final String IGNORED_TOPICS = "otel.rocketmq.ignored-topics";
  static final String CAPTURE_BODY = "otel.rocketmq.capture-message-body";
  static final String BODY_MAX_BYTES = "otel.rocketmq.message-body-max-bytes";

  /** Exact topic names and {@code prefix*} entries, matched as request paths are. */
  private final PathFilter ignoredTopics;
  private final boolean captureBody;
  private final int bodyMaxBytes;

  RocketMqGrpcSettings(TracerConfig config) {
    ignoredTopics = new PathFilter(config.getList(IGNORED_TOPICS, Collections.<String>emptyList()));
    captureBody = config.getBoolean(CAPTURE_BODY, false);
    bodyMaxBytes = config.getInt(BODY_MAX_BYTES, 1024, 0, 1024 * 1024);
  }

  static RocketMqGrpcSettings get() {
    return Loaded.INSTANCE;
  }

  /** Read on first use, when the agent's configuration is there. */
  private static final class Loaded {
    static final RocketMqGrpcSettings INSTANCE = new RocketMqGrpcSettings(AgentServices.config());
  }

  boolean isIgnored(String topic) {
    return topic == null || ignoredTopics.matches(topic);
  }

  boolean captureBody() {
    return captureBody;
  }

  int bodyMaxBytes() {
    return bodyMaxBytes;
  }
}
