package io.tracer.testing;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tracer.agent.instrument.InstrumentationInstaller;
import io.tracer.agent.sdk.CorrelationIdSpanProcessor;
import io.tracer.agent.sdk.SlowMethodSpanFilter;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The agent as an instrumentation test sees it: the bootstrap classes on the bootstrap class path, every
 * {@link InstrumentationModule} on the test class path installed through the same installer, invokedynamic
 * dispatch and module class loaders as in tracer.jar, and an in-memory exporter. Installed once per JVM; system
 * properties named {@code otel.*} configure it as they would the agent.
 */
public final class TestAgent {

  private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();
  private static boolean installed;

  private TestAgent() {}

  public static synchronized void install() {
    if (installed) {
      return;
    }
    try {
      Instrumentation instrumentation = ByteBuddyAgent.install();
      instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bootstrapJar()));
      Map<String, String> properties = new HashMap<>();
      System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("otel."))
          .forEach(name -> properties.put(name, System.getProperty(name)));
      TracerConfig config = TracerConfig.of(properties, new ConfigProblems(System.err));
      OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(new CorrelationIdSpanProcessor())
              .addSpanProcessor(SlowMethodSpanFilter.wrap(config, SimpleSpanProcessor.create(EXPORTER))).build())
          .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
              W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
          .build();
      AgentServices.initialize(config, sdk);
      List<InstrumentationModule> modules = new ArrayList<>();
      ServiceLoader.load(InstrumentationModule.class, TestAgent.class.getClassLoader()).forEach(modules::add);
      InstrumentationInstaller.install(instrumentation, TestAgent.class.getClassLoader(), false, modules);
      installed = true;
    } catch (Exception e) {
      throw new IllegalStateException("could not install the test agent", e);
    }
  }

  /** Every span finished so far. */
  public static List<SpanData> spans() {
    return EXPORTER.getFinishedSpanItems();
  }

  public static void reset() {
    EXPORTER.reset();
  }

  /** Polls until {@code count} finished spans match, failing with what did arrive after {@code timeout}. */
  public static List<SpanData> awaitSpans(Predicate<SpanData> matching, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<SpanData> matched = spans().stream().filter(matching).collect(Collectors.toList());
      if (matched.size() >= count) {
        return matched;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " matching spans within " + timeout + ", got " + matched.size()
            + "; all spans: " + spans());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /**
   * The bootstrap module's jar; in a reactor build before packaging its classes are a directory, which the
   * bootstrap class path cannot take, so they are put in a temporary jar. The class is found as a resource so that
   * the application class loader never loads a second copy of it.
   */
  private static File bootstrapJar() throws IOException {
    String resource = "io/tracer/bootstrap/AdviceBootstrap.class";
    URL location = ClassLoader.getSystemResource(resource);
    if (location == null) {
      throw new IllegalStateException("tracer-bootstrap is not on the test class path");
    }
    if (location.getProtocol().equals("jar")) {
      return new File(((JarURLConnection) location.openConnection()).getJarFileURL().getPath());
    }
    Path classes = Paths.get(location.getPath().substring(0, location.getPath().length() - resource.length()));
    Path jar = Files.createTempFile("tracer-bootstrap", ".jar");
    jar.toFile().deleteOnExit();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
        try (InputStream in = Files.newInputStream(file)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return jar.toFile();
  }
}
