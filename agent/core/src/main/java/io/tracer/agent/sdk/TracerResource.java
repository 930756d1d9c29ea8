package io.tracer.agent.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The resource every span carries: which service, which process, which host, which agent. Everything here is read
 * from memory or a tiny local file; nothing asks the network (no reverse DNS), since premain pays for it on every
 * start of every service.
 */
final class TracerResource {

  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final String UNKNOWN_SERVICE = "unknown_service:java";

  private static final AttributeKey<String> DISTRO_NAME = AttributeKey.stringKey("telemetry.distro.name");
  private static final AttributeKey<String> DISTRO_VERSION = AttributeKey.stringKey("telemetry.distro.version");
  private static final AttributeKey<Long> PROCESS_PID = AttributeKey.longKey("process.pid");
  private static final AttributeKey<String> RUNTIME_NAME = AttributeKey.stringKey("process.runtime.name");
  private static final AttributeKey<String> RUNTIME_VERSION = AttributeKey.stringKey("process.runtime.version");
  private static final AttributeKey<String> HOST_NAME = AttributeKey.stringKey("host.name");
  private static final String LINUX_HOST_NAME_FILE = "/proc/sys/kernel/hostname";

  private TracerResource() {}

  /**
   * Later sources win: the SDK's own {@code telemetry.sdk.*}, then what is detected here, then
   * {@code otel.resource.attributes}, then the service name resolved by {@link #serviceName}.
   */
  static Resource create(TracerConfig config, Properties systemProperties, Map<String, String> environment) {
    Map<String, String> configured = config.getMap("otel.resource.attributes");
    AttributesBuilder userAttributes = Attributes.builder();
    for (Map.Entry<String, String> attribute : configured.entrySet()) {
      userAttributes.put(attribute.getKey(), attribute.getValue());
    }
    return Resource.getDefault()
        .merge(Resource.create(detected(systemProperties, environment)))
        .merge(Resource.create(userAttributes.build()))
        .merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName(config, configured, systemProperties))));
  }

  private static String serviceName(TracerConfig config, Map<String, String> resourceAttributes, Properties systemProperties) {
    String named = config.getString("otel.service.name");
    if (named != null) {
      return named;
    }
    String fromAttributes = resourceAttributes.get("service.name");
    if (fromAttributes != null && !fromAttributes.trim().isEmpty()) {
      return fromAttributes.trim();
    }
    String derived = CommandLineServiceName.derive(systemProperties.getProperty("sun.java.command"));
    return derived == null ? UNKNOWN_SERVICE : derived;
  }

  private static Attributes detected(Properties systemProperties, Map<String, String> environment) {
    AttributesBuilder attributes = Attributes.builder().put(DISTRO_NAME, "tracer");
    putIfPresent(attributes, DISTRO_VERSION, distroVersion());
    Long pid = processId();
    if (pid != null) {
      attributes.put(PROCESS_PID, pid);
    }
    putIfPresent(attributes, RUNTIME_NAME, systemProperties.getProperty("java.runtime.name"));
    putIfPresent(attributes, RUNTIME_VERSION, systemProperties.getProperty("java.runtime.version"));
    putIfPresent(attributes, HOST_NAME, hostName(environment));
    return attributes.build();
  }

  private static void putIfPresent(AttributesBuilder attributes, AttributeKey<String> key, String value) {
    if (value != null && !value.trim().isEmpty()) {
      attributes.put(key, value.trim());
    }
  }

  /** The version in tracer.jar's manifest; absent when running from classes (tests, IDE). */
  private static String distroVersion() {
    try {
      CodeSource codeSource = TracerResource.class.getProtectionDomain().getCodeSource();
      URL location = codeSource == null ? null : codeSource.getLocation();
      if (location == null || !"file".equals(location.getProtocol()) || !location.getPath().endsWith(".jar")) {
        return null;
      }
      try (JarFile jar = new JarFile(new File(location.toURI()), false)) {
        Manifest manifest = jar.getManifest();
        if (manifest == null || !"tracer".equals(manifest.getMainAttributes().getValue("Implementation-Title"))) {
          return null;
        }
        return manifest.getMainAttributes().getValue("Implementation-Version");
      }
    } catch (Exception unreadable) {
      return null;
    }
  }

  /**
   * {@code ProcessHandle} exists from Java 9 and costs nothing; this code is compiled for Java 8, hence reflection.
   * On Java 8 the runtime MXBean's {@code pid@host} name is the only portable source.
   */
  private static Long processId() {
    try {
      Class<?> processHandle = Class.forName("java.lang.ProcessHandle");
      Object current = processHandle.getMethod("current").invoke(null);
      return (Long) processHandle.getMethod("pid").invoke(current);
    } catch (ClassNotFoundException java8) {
      String name = ManagementFactory.getRuntimeMXBean().getName();
      int at = name.indexOf('@');
      try {
        return at > 0 ? Long.valueOf(name.substring(0, at)) : null;
      } catch (NumberFormatException unexpectedFormat) {
        return null;
      }
    } catch (Exception unavailable) {
      return null;
    }
  }

  /**
   * The name the machine gives itself, without {@code InetAddress.getLocalHost()}: that one resolves the name and can
   * stall start-up for seconds where DNS is misconfigured.
   */
  private static String hostName(Map<String, String> environment) {
    String fromEnvironment = environment.get("HOSTNAME");
    if (fromEnvironment == null || fromEnvironment.trim().isEmpty()) {
      fromEnvironment = environment.get("COMPUTERNAME");
    }
    if (fromEnvironment != null && !fromEnvironment.trim().isEmpty()) {
      return fromEnvironment;
    }
    try {
      return new String(Files.readAllBytes(Paths.get(LINUX_HOST_NAME_FILE)), StandardCharsets.UTF_8).trim();
    } catch (IOException | RuntimeException notLinux) {
      return null;
    }
  }
}
