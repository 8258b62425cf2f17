package io.walstream.testkit.postgres;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Lets the sample classes run only inside {@link PostgresExtensionTest}'s engine test kit, never directly. */
final class SampleGate implements ExecutionCondition {
    static final String KEY = "walstream.testkit.postgres.samples";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(KEY).filter("true"::equals).isPresent()
                ? ConditionEvaluationResult.enabled("run by PostgresExtensionTest")
                : ConditionEvaluationResult.disabled("a sample, run only by PostgresExtensionTest");
    }
}
