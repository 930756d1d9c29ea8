package io.tracer.smoke.app.springboot;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Prints {@code LISTENING <port>} once the server accepts requests: the smoke-test harness waits for that line. */
@Component
class ListeningAnnouncer implements ApplicationListener<WebServerInitializedEvent> {

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    System.out.println("LISTENING " + event.getWebServer().getPort());
  }
}
