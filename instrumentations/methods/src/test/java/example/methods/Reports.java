package example.methods;

import io.opentelemetry.api.trace.Span;
import io.tracer.instrumentation.api.AgentServices;

public class Reports {

  public void fast() {}

  public void slow() throws InterruptedException {
    Thread.sleep(600);
  }

  public void fastWithChild() {
    Span child = AgentServices.tracer("test").spanBuilder("child").startSpan();
    child.end();
  }

  public void fastFailing() {
    throw new IllegalStateException("failed fast");
  }
}
