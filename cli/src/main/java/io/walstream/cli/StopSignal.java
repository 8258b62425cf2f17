package io.walstream.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM ask for a clean stop: the first one sets a flag that the streaming loop checks between
 * transactions (it then finishes the output, flushes, sends a final status update and exits 0); a second one
 * exits at once with {@link ExitCode#INTERRUPTED}. Handling the signals (instead of a shutdown hook) keeps the
 * JVM from starting its shutdown while the last status update is still being sent.
 *
 * <p><b>Thread safety:</b> safe for concurrent use; signal handlers run on their own thread.
 */
final class StopSignal {
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String received;

    /** Installs the handlers; where the JVM refuses (e.g. signals reserved by a debugger) the defaults stay. */
    static StopSignal install() {
        StopSignal s = new StopSignal();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), sig -> s.onSignal("SIG" + sig.getName()));
            } catch (IllegalArgumentException e) {
                // not available on this platform: the default handling (immediate exit) stays
            }
        }
        return s;
    }

    private void onSignal(String name) {
        if (received != null) {
            System.err.println("walstream: " + name + " again: stopping immediately");
            System.exit(ExitCode.INTERRUPTED);
        }
        received = name;
        stop.countDown();
    }

    /** Requests a stop from inside the program (e.g. the demo's duration elapsed). */
    void request(String why) {
        if (received == null) {
            received = why;
        }
        stop.countDown();
    }

    boolean requested() {
        return stop.getCount() == 0;
    }

    /** @return what asked for the stop, or {@code null} */
    String reason() {
        return received;
    }

    /** Waits up to {@code millis} for a stop; @return whether one was requested. */
    boolean await(long millis) throws InterruptedException {
        return stop.await(millis, TimeUnit.MILLISECONDS);
    }
}
