package io.walstream.conn;

import java.time.Duration;

/**
 * Durations as error messages show them: whole seconds as {@code "30 s"}, anything else in milliseconds
 * ({@code "250 ms"}), so that a short configured deadline never reads as "0 s".
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class Durations {

    private Durations() {
    }

    static String describe(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
