package io.tracer.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tracer.bootstrap.AgentArguments;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** Every class loaded in premain is paid at every start of every service: Jackson only when a file is named. */
class ConfigLoaderClassLoadingTest {

  @TempDir
  Path directory;

  /** Its own copy of the configuration classes and Jackson, so that what this test loads is all that is loaded. */
  private static final class IsolatedLoader extends URLClassLoader {
    IsolatedLoader() {
      super(locationsOf(ConfigLoader.class, AgentArguments.class, TracerConfig.class, JsonFactory.class,
          YAMLFactory.class, Yaml.class), null);
    }

    boolean hasLoaded(String className) {
      return findLoadedClass(className) != null;
    }

    private static URL[] locationsOf(Class<?>... classes) {
      URL[] locations = new URL[classes.length];
      for (int i = 0; i < classes.length; i++) {
        locations[i] = classes[i].getProtectionDomain().getCodeSource().getLocation();
      }
      return locations;
    }
  }

  @Test
  void jacksonIsLoadedOnlyWhenAConfigurationFileIsNamed() throws Exception {
    Path file = directory.resolve("tracer.yaml");
    Files.write(file, "service.name: from-file\n".getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try (IsolatedLoader loader = new IsolatedLoader()) {
      Class<?> problemsClass = loader.loadClass(ConfigProblems.class.getName());
      Object problems = problemsClass.getConstructor(PrintStream.class).newInstance(new PrintStream(stderr, true));
      Method load = loader.loadClass(ConfigLoader.class.getName())
          .getMethod("load", String.class, Map.class, Properties.class, problemsClass);
      Map<String, String> noEnvironment = Collections.emptyMap();

      Object withoutFile = load.invoke(null, "otel.service.name=orders", noEnvironment, new Properties(), problems);

      assertEquals(Collections.singletonMap("otel.service.name", "orders"),
          withoutFile.getClass().getMethod("asMap").invoke(withoutFile));
      assertTrue(loader.hasLoaded(TracerConfig.class.getName()));
      assertFalse(loader.hasLoaded(ConfigFileReader.class.getName()));
      assertFalse(loader.hasLoaded(JsonFactory.class.getName()));

      Object withFile = load.invoke(null, "otel.config.file=" + file, noEnvironment, new Properties(), problems);

      assertEquals("from-file", withFile.getClass().getMethod("getString", String.class)
          .invoke(withFile, "otel.service.name"));
      assertTrue(loader.hasLoaded(JsonFactory.class.getName()));
      assertTrue(loader.hasLoaded(YAMLFactory.class.getName()));
    }
    assertEquals(0, stderr.size(), new String(stderr.toByteArray(), StandardCharsets.UTF_8));
  }
}
