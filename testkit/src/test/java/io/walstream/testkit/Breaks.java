package io.walstream.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a suite in {@link BrokenSuites} with the rule its deliberately broken transport violates. The self-test
 * runs that rule against it and expects a failure naming the rule; the coverage check expects one per rule.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface Breaks {

    /** @return the rule the suite's transport violates */
    ConformanceRule value();
}
