package io.walstream.spi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import java.util.function.Supplier;

/** Like a {@link java.util.ServiceLoader}: each {@code next()} may fail with {@link ServiceConfigurationError}. */
final class FaultyIterable implements Iterable<TransportProvider> {

    private final List<Supplier<TransportProvider>> steps = new ArrayList<>();

    FaultyIterable provider(TransportProvider p) {
        steps.add(() -> p);
        return this;
    }

    FaultyIterable broken(String className) {
        steps.add(() -> {
            throw new ServiceConfigurationError("io.walstream.spi.TransportProvider: Provider " + className
                    + " could not be instantiated");
        });
        return this;
    }

    @Override
    public Iterator<TransportProvider> iterator() {
        Iterator<Supplier<TransportProvider>> it = steps.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public TransportProvider next() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                return it.next().get();
            }
        };
    }
}
