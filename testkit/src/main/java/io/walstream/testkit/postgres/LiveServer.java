package io.walstream.testkit.postgres;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Tags a test that needs a real PostgreSQL server: {@code @Tag("live-server")}, so a build can select or skip
 * them ({@code -Dgroups=live-server}, {@code -DexcludedGroups=live-server}). {@link PostgresTest} carries it.
 *
 * <p><b>Thread safety:</b> an annotation; immutable.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(LiveServer.TAG)
public @interface LiveServer {
    /** The tag name. */
    String TAG = "live-server";
}
