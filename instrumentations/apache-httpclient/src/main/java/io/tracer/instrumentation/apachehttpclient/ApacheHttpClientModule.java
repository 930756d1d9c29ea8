package io.tracer.instrumentation.apachehttpclient;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.tracer.instrumentation.api.AdviceBinder;
import io.tracer.instrumentation.api.InstrumentationModule;
import io.tracer.instrumentation.api.TypeCandidates;
import io.tracer.instrumentation.api.TypeInstrumentation;
import io.tracer.instrumentation.api.UnsupportedVersionReport;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Apache HttpClient 4.3+ ({@code org.apache.http}) and 5.x ({@code org.apache.hc.client5}), classic and (5.x) async:
 * every {@code execute} overload of a {@code CloseableHttpClient} or {@code CloseableHttpAsyncClient} ends in its
 * {@code doExecute}, which sees one logical request (redirects and retries run inside it). A client decorating
 * another makes one span, not two. HttpClient 4.2 and older, before {@code CloseableHttpClient}, stay
 * uninstrumented.
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
        new ClientInstrumentation("org.apache.http.impl.client.CloseableHttpClient",
            "org.apache.http.HttpHost", 3, "io.tracer.instrumentation.apachehttpclient.v4.DoExecuteAdvice"),
        new ClientInstrumentation("org.apache.hc.client5.http.impl.classic.CloseableHttpClient",
            "org.apache.hc.core5.http.HttpHost", 3, "io.tracer.instrumentation.apachehttpclient.v5.DoExecuteAdvice"),
        new ClientInstrumentation("org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient",
            "org.apache.hc.core5.http.HttpHost", 6, "io.tracer.instrumentation.apachehttpclient.v5.AsyncDoExecuteAdvice"),
        new UnsupportedVersionReport("org.apache.http.impl.client.AbstractHttpClient",
            "org.apache.http.impl.client.AbstractHttpClient", not(hasSuperType(
                named("org.apache.http.impl.client.CloseableHttpClient"))),
            "Apache HttpClient: 4.2 or older (no CloseableHttpClient) is not supported: left uninstrumented"));
  }

  /** The same entry point, {@code doExecute(HttpHost, ...)}, in either major version and either kind of client. */
  private static final class ClientInstrumentation implements TypeInstrumentation {
    private final String clientClass;
    private final String hostClass;
    private final int parameterCount;
    private final String advice;

    ClientInstrumentation(String clientClass, String hostClass, int parameterCount, String advice) {
      this.clientClass = clientClass;
      this.hostClass = hostClass;
      this.parameterCount = parameterCount;
      this.advice = advice;
    }

    @Override
    public String classLoaderGate() {
      return clientClass;
    }

    @Override
    public TypeCandidates candidates() {
      return TypeCandidates.extending(clientClass);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      // abstract bases too: the async client's doExecute is declared in InternalAbstractHttpAsyncClient
      return not(isInterface()).and(hasSuperType(named(clientClass)));
    }

    @Override
    public void applyAdvice(AdviceBinder binder) {
      binder.bind(named("doExecute").and(not(isAbstract())).and(takesArguments(parameterCount))
          .and(takesArgument(0, named(hostClass))), advice);
    }
  }
}
