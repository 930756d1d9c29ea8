package io.tracer.smoke.harness;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For classes that start applications with the agent: skips them, with the reason in the test report, when the
 * agent jar or the JVM to run on is missing. In CI ({@code CI=true}) the class runs anyway, so that the missing
 * piece fails it.
 */
public final class SmokePrerequisites implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String missing = SmokeEnvironment.missingPrerequisite();
    if (missing == null) {
      return ConditionEvaluationResult.enabled("agent jar and JVM present");
    }
    if (SmokeEnvironment.inCi()) {
      return ConditionEvaluationResult.enabled("in CI a missing prerequisite fails the test: " + missing);
    }
    return ConditionEvaluationResult.disabled(missing);
  }
}
