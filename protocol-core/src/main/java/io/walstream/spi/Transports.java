package io.walstream.spi;

import io.walstream.AmbiguousTransportException;
import io.walstream.NoTransportException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link TransportProvider} a connection uses.
 *
 * <ol>
 *   <li>A name given by {@link TransportOption#PROVIDER}, else by the system property
 *       {@value #TRANSPORT_PROPERTY}, selects that provider; if it is not found or not usable, a
 *       {@link NoTransportException} lists the providers that were found.</li>
 *   <li>Otherwise the usable provider with the strictly highest {@link TransportProvider#priority()} wins, and
 *       one INFO line lists every candidate.</li>
 *   <li>No usable provider: {@link NoTransportException} naming the artifacts to add.</li>
 *   <li>A tie at the top: {@link AmbiguousTransportException} naming the candidates and the property.</li>
 * </ol>
 * A provider that fails to load ({@link ServiceConfigurationError}) is logged at WARN, named in any error
 * message, and skipped.
 *
 * <p><b>Thread safety:</b> stateless; safe from any thread.
 */
public final class Transports {

    /** The system property that names the provider to use: {@code -Dwalstream.transport=netty}. */
    public static final String TRANSPORT_PROPERTY = "walstream.transport";

    private static final Logger log = LoggerFactory.getLogger(Transports.class);

    private Transports() {
    }

    /**
     * Selects a provider among those {@link ServiceLoader} finds from this class's loader.
     *
     * @param options the connection's options
     * @return the chosen provider
     * @throws NoTransportException if none is usable or the named one is missing
     * @throws AmbiguousTransportException if several tie and none is named
     */
    public static TransportProvider select(TransportOptions options) {
        return select(options, ServiceLoader.load(TransportProvider.class, Transports.class.getClassLoader()));
    }

    /**
     * Selects a provider among {@code found}, reading {@value #TRANSPORT_PROPERTY} from the system properties.
     *
     * @param options the connection's options
     * @param found the candidates; an iterator that throws {@link ServiceConfigurationError} is tolerated
     * @return the chosen provider
     */
    public static TransportProvider select(TransportOptions options, Iterable<TransportProvider> found) {
        return select(options, found, System.getProperty(TRANSPORT_PROPERTY));
    }

    /**
     * Selects a provider among {@code found}: the fully explicit form, for tests.
     *
     * @param options the connection's options
     * @param found the candidates
     * @param propertyValue the value of {@value #TRANSPORT_PROPERTY}, or {@code null}
     * @return the chosen provider
     */
    public static TransportProvider select(TransportOptions options, Iterable<TransportProvider> found,
                                           String propertyValue) {
        List<TransportProvider> loaded = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Iterator<TransportProvider> it = found.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                loaded.add(it.next());
            } catch (ServiceConfigurationError e) {
                failures.add(String.valueOf(e.getMessage()));
                log.warn("A walstream transport provider failed to load and is skipped: {}", e.getMessage());
            }
        }

        List<TransportProvider> usable = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (TransportProvider p : loaded) {
            boolean ok;
            try {
                ok = p.supports(options);
            } catch (RuntimeException | LinkageError e) {
                ok = false;
                log.warn("Transport provider '{}' failed its support check and is skipped: {}", p.name(), e.toString());
            }
            if (ok) {
                usable.add(p);
            } else {
                unusable.add(p.name());
            }
        }

        String explicit = options.get(TransportOption.PROVIDER);
        String source = "TransportOption.PROVIDER";
        if (explicit == null || explicit.isBlank()) {
            explicit = propertyValue;
            source = "-D" + TRANSPORT_PROPERTY;
        }
        if (explicit != null && !explicit.isBlank()) {
            String wanted = explicit.trim().toLowerCase(Locale.ROOT);
            for (TransportProvider p : usable) {
                if (p.name().equals(wanted)) {
                    log.info("Transport '{}' selected by {} (found: {})", wanted, source, describe(loaded));
                    return p;
                }
            }
            throw new NoTransportException("Transport '" + wanted + "' requested by " + source
                    + " is not available; found " + describe(loaded) + suffix(unusable, failures)
                    + "; add the module that provides it or change " + source);
        }

        if (usable.isEmpty()) {
            throw new NoTransportException("No walstream transport found"
                    + (loaded.isEmpty() ? "" : " that is usable; found " + describe(loaded))
                    + suffix(unusable, failures)
                    + "; add io.walstream:walstream-transport-nio or io.walstream:walstream-transport-netty"
                    + " to the class path or module path");
        }
        usable.sort(Comparator.comparingInt(TransportProvider::priority).reversed());
        TransportProvider best = usable.get(0);
        if (usable.size() > 1 && usable.get(1).priority() == best.priority()) {
            List<TransportProvider> tied = usable.stream()
                    .filter(p -> p.priority() == best.priority())
                    .collect(Collectors.toList());
            throw new AmbiguousTransportException("Several walstream transports share priority "
                    + best.priority() + ": " + describe(tied) + "; choose one with -D" + TRANSPORT_PROPERTY
                    + "=<name> or TransportOption.PROVIDER");
        }
        log.info("Transport '{}' selected by priority (candidates: {})", best.name(), describe(usable));
        return best;
    }

    private static String describe(List<TransportProvider> providers) {
        if (providers.isEmpty()) {
            return "none";
        }
        return providers.stream()
                .map(p -> p.name() + " (priority " + p.priority() + ", " + p.getClass().getName() + ")")
                .collect(Collectors.joining(", "));
    }

    private static String suffix(List<String> unusable, List<String> failures) {
        StringBuilder sb = new StringBuilder();
        if (!unusable.isEmpty()) {
            sb.append("; not usable here: ").append(String.join(", ", unusable));
        }
        if (!failures.isEmpty()) {
            sb.append("; failed to load: ").append(String.join("; ", failures));
        }
        return sb.toString();
    }
}
