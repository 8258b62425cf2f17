package io.walstream.testkit;

import java.util.EnumSet;
import java.util.Set;

/**
 * The optional {@link Capability capabilities} a transport declares to the {@link TransportConformanceSuite}.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class Capabilities {

    private final Set<Capability> declared;

    private Capabilities(Set<Capability> declared) {
        this.declared = declared.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(declared);
    }

    /** @return no optional capability */
    public static Capabilities minimal() {
        return new Capabilities(EnumSet.noneOf(Capability.class));
    }

    /** @return every optional capability */
    public static Capabilities all() {
        return new Capabilities(EnumSet.allOf(Capability.class));
    }

    /**
     * @param capability a capability
     * @param supported whether the transport has it
     * @return a copy with the capability added or removed
     */
    public Capabilities with(Capability capability, boolean supported) {
        EnumSet<Capability> next = declared.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(declared);
        if (supported) {
            next.add(capability);
        } else {
            next.remove(capability);
        }
        return new Capabilities(next);
    }

    /**
     * @param supported whether the transport supports half-close
     * @return a copy with {@link Capability#HALF_CLOSE} set accordingly
     */
    public Capabilities withHalfClose(boolean supported) {
        return with(Capability.HALF_CLOSE, supported);
    }

    /**
     * @param supported whether the transport supports IPv6
     * @return a copy with {@link Capability#IPV6} set accordingly
     */
    public Capabilities withIpv6(boolean supported) {
        return with(Capability.IPV6, supported);
    }

    /**
     * @param capability a capability
     * @return whether it was declared
     */
    public boolean has(Capability capability) {
        return declared.contains(capability);
    }

    @Override
    public String toString() {
        return "Capabilities" + declared;
    }
}
