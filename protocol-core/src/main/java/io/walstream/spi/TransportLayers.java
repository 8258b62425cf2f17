package io.walstream.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@link TransportLayer} (TLS) a connection uses: the one named by {@link TransportOption#TLS_LAYER}
 * ({@code "none"} means none), else the installed one with the highest priority, else none.
 *
 * <p><b>Thread safety:</b> stateless; safe from any thread.
 */
public final class TransportLayers {

    /** The artifact that provides walstream's TLS layer, for error messages. */
    public static final String ARTIFACT = "io.walstream:walstream-transport-tls";

    private static final Logger log = LoggerFactory.getLogger(TransportLayers.class);

    private TransportLayers() {
    }

    /**
     * @param options the connection's options
     * @return the layer to use, or empty if none is installed (or {@code TLS_LAYER} is {@code none})
     * @throws IllegalArgumentException if {@code TLS_LAYER} names a layer that is not installed
     */
    public static Optional<TransportLayer> select(TransportOptions options) {
        return select(options, ServiceLoader.load(TransportLayer.class, TransportLayers.class.getClassLoader()));
    }

    /**
     * @param options the connection's options
     * @param found the candidates; an iterator that throws {@link ServiceConfigurationError} is tolerated
     * @return the layer to use, or empty
     */
    public static Optional<TransportLayer> select(TransportOptions options, Iterable<TransportLayer> found) {
        String wanted = options.get(TransportOption.TLS_LAYER);
        if (wanted != null && "none".equals(wanted.trim().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        List<TransportLayer> loaded = new ArrayList<>();
        Iterator<TransportLayer> it = found.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                loaded.add(it.next());
            } catch (ServiceConfigurationError e) {
                log.warn("A walstream TLS layer failed to load and is skipped: {}", e.getMessage());
            }
        }
        if (wanted != null && !wanted.isBlank()) {
            String name = wanted.trim().toLowerCase(Locale.ROOT);
            return Optional.of(loaded.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("TLS layer '" + name + "' requested by TransportOption.TLS_LAYER"
                            + " is not installed; found " + loaded.stream().map(TransportLayer::name).toList())));
        }
        return loaded.stream().max(Comparator.comparingInt(TransportLayer::priority));
    }
}
