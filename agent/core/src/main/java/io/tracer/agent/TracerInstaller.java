package io.tracer.agent;

import io.tracer.agent.config.ConfigLoader;
import io.tracer.agent.config.DebugMode;
import io.tracer.agent.instrument.InstrumentationInstaller;
import io.tracer.agent.sdk.TracerSdk;
import io.tracer.agent.sdk.TracerSdkFactory;
import io.tracer.bootstrap.AgentClassLoader;
import io.tracer.instrumentation.api.AgentLog;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Runs once in premain, inside the agent class loader: configuration, SDK, then instrumentation. */
public final class TracerInstaller {

  private TracerInstaller() {}

  public static void install(Instrumentation instrumentation, String agentArgs, AgentClassLoader agentLoader) {
    Thread thread = Thread.currentThread();
    ClassLoader previousContextLoader = thread.getContextClassLoader();
    thread.setContextClassLoader(agentLoader);
    try {
      TracerConfig config = ConfigLoader.load(agentArgs, System.getenv(), System.getProperties(),
          new ConfigProblems(System.err));
      if (!config.getBoolean("otel.enabled", true)) {
        AgentLog.info("otel.enabled=false: the agent installs nothing");
        return;
      }
      AgentLog.enableDebug(DebugMode.isOn(config));
      OpenTelemetryJavaagentCheck.warnIfAttachedBefore(System.getenv(), System.getProperties());
      TracerSdk sdk = TracerSdkFactory.create(config);
      AgentServices.initialize(config, sdk.openTelemetry(), sdk.meterProvider());
      Runtime.getRuntime().addShutdownHook(new Thread(new SdkShutdown(sdk), "tracer-shutdown"));
      List<InstrumentationModule> modules = enabledModules(config, agentLoader);
      InstrumentationInstaller.install(instrumentation, agentLoader, true, modules);
      AgentLog.debug("installed modules " + names(modules));
    } catch (Throwable failure) {
      AgentLog.info("agent not started, the application runs untraced: " + failure);
    } finally {
      thread.setContextClassLoader(previousContextLoader);
    }
  }

  private static List<InstrumentationModule> enabledModules(TracerConfig config, ClassLoader agentLoader) {
    List<InstrumentationModule> enabled = new ArrayList<>();
    for (InstrumentationModule module : ServiceLoader.load(InstrumentationModule.class, agentLoader)) {
      if (config.isModuleEnabled(module.name(), module.enabledByDefault())) {
        enabled.add(module);
      }
    }
    return enabled;
  }

  private static List<String> names(List<InstrumentationModule> modules) {
    List<String> names = new ArrayList<>();
    for (InstrumentationModule module : modules) {
      names.add(module.name());
    }
    return names;
  }

  /** Flushes what is pending when the JVM stops; the SDK bounds how long that may take. */
  private static final class SdkShutdown implements Runnable {
    private final TracerSdk sdk;

    SdkShutdown(TracerSdk sdk) {
      this.sdk = sdk;
    }

    @Override
    public void run() {
      sdk.shutdown();
    }
  }
}
