package io.tracer.agent.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OTLP and Zipkin exporters and the batch processor write their failures to java.util.logging, and so to the application's
 * stderr or log files, up to a line per failed batch. {@link ExportLossLog} says the same thing in a few lines, so
 * exactly those loggers are switched off; the application's own loggers are untouched. The W3C baggage propagator
 * writes a warning, with a stack trace, for every malformed entry a caller sends: a caller could fill the
 * application's logs, so it is switched off too (such entries are dropped, which is all the warning says). Known limit: an application
 * that ships its own OpenTelemetry exporter uses the same logger names (java.util.logging names are global), so its
 * exporter's failure lines are muted too.
 */
final class ExporterLogSilencer {

  private static final String[] SILENCED = {
      "io.opentelemetry.exporter.otlp.internal",
      "io.opentelemetry.exporter.sender.okhttp.internal",
      "io.opentelemetry.exporter.zipkin",
      "io.opentelemetry.sdk.trace.export.BatchSpanProcessor",
      "io.opentelemetry.api.baggage.propagation",
  };

  /** java.util.logging holds loggers weakly: a logger collected would come back with the default level. */
  private static final List<Logger> silenced = new ArrayList<>();

  private ExporterLogSilencer() {}

  static synchronized void silence() {
    if (!silenced.isEmpty()) {
      return;
    }
    try {
      for (String name : SILENCED) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        // LogManager.reset(), which logging frameworks call on start, clears levels but not this
        logger.setUseParentHandlers(false);
        silenced.add(logger);
      }
    } catch (RuntimeException notPermitted) {
      // a security manager may forbid it: the SDK's own lines then stay, which is noisy but harmless
    }
  }
}
