package io.tracer.smoke.app.conflicting;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.Servlet;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat 10.1 whose class path carries its own, old versions of libraries the agent also contains. It
 * registers its own OpenTelemetry SDK as the global one at start-up, as many applications do, then prints
 * {@code LISTENING <port>} once it accepts requests.
 */
public final class ConflictingDepsApp {

  private ConflictingDepsApp() {}

  public static void main(String[] args) throws Exception {
    RecordingSpanExporter ownExporter = new RecordingSpanExporter();
    SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(ownExporter))
        .build();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build());

    Tomcat tomcat = new Tomcat();
    tomcat.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", null);
    addServlet(context, "hello", new HelloServlet(), "/hello");
    addServlet(context, "work", new WorkServlet(ownExporter), "/work");
    tomcat.start();
    System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
    tomcat.getServer().await();
  }

  private static void addServlet(Context context, String name, Servlet servlet, String mapping) {
    Tomcat.addServlet(context, name, servlet);
    context.addServletMappingDecoded(mapping, name);
  }
}
