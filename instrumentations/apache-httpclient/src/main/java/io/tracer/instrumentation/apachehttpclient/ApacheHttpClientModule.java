package io.tracer.instrumentation.apachehttpclient;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Apache HttpClient's classic clients, 4.3+ ({@code org.apache.http}) and 5.x ({@code org.apache.hc.client5}):
 * every {@code execute} overload of a {@code CloseableHttpClient} ends in its {@code doExecute}, which sees one
 * logical request (redirects and retries run inside it). A client decorating another makes one span, not two.
 */
public final class ApacheHttpClientModule implements InstrumentationModule {

  public static final String NAME = "apache-httpclient";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new ClassicClientInstrumentation("org.apache.http.impl.client.CloseableHttpClient",
            "org.apache.http.HttpHost", "io.tracer.instrumentation.apachehttpclient.v4.DoExecuteAdvice"),
        new ClassicClientInstrumentation("org.apache.hc.client5.http.impl.classic.CloseableHttpClient",
            "org.apache.hc.core5.http.HttpHost", "io.tracer.instrumentation.apachehttpclient.v5.DoExecuteAdvice"));
  }

  /** The same entry point in either major version. */
  private static final class ClassicClientInstrumentation implements TypeInstrumentation {
    private final String clientClass;
    private final String hostClass;
    private final String advice;

    ClassicClientInstrumentation(String clientClass, String hostClass, String advice) {
      this.clientClass = clientClass;
      this.hostClass = hostClass;
      this.advice = advice;
    }

    @Override
    public String classLoaderGate() {
      return clientClass;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return not(isAbstract()).and(hasSuperType(named(clientClass)));
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(named("doExecute").and(not(isAbstract())).and(takesArguments(3))
          .and(takesArgument(0, named(hostClass))), advice);
    }
  }
}
