package io.walstream.spi;

import java.io.IOException;

/** A {@link TransportProvider} for selection tests: a name, a priority and whether it is usable. */
class FakeProvider implements TransportProvider {

    private final String name;
    private final int priority;
    private final boolean usable;

    FakeProvider(String name, int priority, boolean usable) {
        this.name = name;
        this.priority = priority;
        this.usable = usable;
    }

    static FakeProvider usable(String name, int priority) {
        return new FakeProvider(name, priority, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public boolean supports(TransportOptions options) {
        return usable;
    }

    @Override
    public Transport connect(Endpoint endpoint, TransportOptions options) throws IOException {
        throw new IOException("fake provider " + name + " does not connect to " + endpoint);
    }

    /** A provider that is installed but cannot work here (say, its native library is missing). */
    static final class Unavailable extends FakeProvider {
        Unavailable(String name) {
            super(name, 100, true);
        }

        @Override
        public boolean isAvailable() {
            return false;
        }

        @Override
        public boolean supports(TransportOptions options) {
            return isAvailable();
        }
    }
}
