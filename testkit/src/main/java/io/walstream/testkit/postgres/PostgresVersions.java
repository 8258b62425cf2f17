package io.walstream.testkit.postgres;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Restricts the PostgreSQL versions a {@link PostgresTest} class runs on. The versions that run are those
 * selected by {@value PostgresVersion#SELECTION_PROPERTY} that also satisfy this annotation; if none does, the
 * class is reported as skipped with the reason.
 *
 * <pre>{@code
 * @PostgresTest @PostgresVersions(min = 15)          // 15 and later
 * @PostgresTest @PostgresVersions({14, 18})           // exactly these
 * }</pre>
 *
 * <p><b>Thread safety:</b> an annotation; immutable.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface PostgresVersions {
    /** {@return the majors to run on; empty means any} */
    int[] value() default {};

    /** {@return the lowest major to run on} */
    int min() default 0;

    /** {@return the highest major to run on} */
    int max() default Integer.MAX_VALUE;
}
