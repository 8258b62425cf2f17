package io.walstream.transport.tls;

import java.security.SecureRandom;
import java.util.Locale;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * BouncyCastle's two crypto back ends: {@code jca} ({@code JcaTlsCrypto} over the JDK's providers, whose AES-GCM
 * uses the CPU's AES and carry-less multiply instructions) and {@code bc} ({@code BcTlsCrypto}, pure Java). The
 * default is the faster one as measured by the bench module's {@code TlsCpuBenchmark}; the system property
 * {@value #PROPERTY} overrides it.
 *
 * <p><b>Thread safety:</b> stateless; each call makes a new crypto object.
 */
enum CryptoBackend {
    /** JcaTlsCrypto over the JDK's default providers. */
    JCA,
    /** BcTlsCrypto, BouncyCastle's lightweight API. */
    BC;

    /** The system property that picks the back end: {@code jca} or {@code bc}. */
    static final String PROPERTY = "walstream.tls.crypto";

    private static final SecureRandom RANDOM = new SecureRandom();

    static CryptoBackend configured() {
        String v = System.getProperty(PROPERTY, "jca").trim().toLowerCase(Locale.ROOT);
        return "bc".equals(v) ? BC : JCA;
    }

    TlsCrypto create() {
        return this == BC ? new BcTlsCrypto(RANDOM) : new JcaTlsCryptoProvider().create(RANDOM);
    }
}
