package io.walstream.transport.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * libpq's {@code verify-full} host check ({@code fe-secure-common.c} and {@code fe-secure-openssl.c}, libpq 15+):
 * <ul>
 *   <li>A host name is compared, case-insensitively, with every dNSName subjectAltName; a name starting with
 *       {@code *.} matches exactly one left-most label. The Common Name is used only when there is no dNSName
 *       SAN.</li>
 *   <li>An IP address is compared byte for byte with every iPAddress SAN (no IPv4/IPv6 mapping), and as text
 *       with the dNSName SANs; the Common Name is used only when there is no iPAddress SAN.</li>
 * </ul>
 * The name checked is {@code host}, never {@code hostaddr}.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class HostNameRules {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private HostNameRules() {
    }

    /** @return whether {@code host} is an IPv4 or IPv6 literal */
    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    /**
     * @param cert the server's leaf certificate
     * @param host the host name or IP literal the user connected to
     * @return {@code null} if it matches, else the names seen, for the error message
     */
    static List<String> mismatch(X509Certificate cert, String host) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == SAN_DNS) {
                        dns.add((String) san.get(1));
                    } else if (type == SAN_IP) {
                        ips.add((String) san.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of("(unparseable subjectAltName: " + e.getMessage() + ")");
        }
        boolean isIp = isIpLiteral(host);
        byte[] hostBytes = isIp ? addressBytes(host) : null;
        for (String name : dns) {
            if (nameMatches(name, host)) {
                return null;
            }
        }
        if (isIp && hostBytes != null) {
            for (String ip : ips) {
                byte[] b = addressBytes(ip);
                if (b != null && Arrays.equals(b, hostBytes)) {
                    return null;
                }
            }
        }
        boolean checkCn = isIp ? ips.isEmpty() : dns.isEmpty();
        List<String> seen = new ArrayList<>();
        dns.forEach(d -> seen.add("DNS:" + d));
        ips.forEach(i -> seen.add("IP:" + i));
        if (checkCn) {
            String cn = commonName(cert);
            if (cn != null) {
                if (nameMatches(cn, host)) {
                    return null;
                }
                seen.add("CN:" + cn);
            }
        }
        return seen;
    }

    /** libpq's rule: exact (case-insensitive), or {@code *.rest} matching one label followed by {@code .rest}. */
    static boolean nameMatches(String pattern, String host) {
        if (pattern.indexOf('\0') >= 0) {
            return false;
        }
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.equals(h)) {
            return true;
        }
        if (p.startsWith("*.") && h.length() > p.length() - 1) {
            String suffix = p.substring(1);
            if (h.endsWith(suffix)) {
                String label = h.substring(0, h.length() - suffix.length());
                return !label.isEmpty() && label.indexOf('.') < 0;
            }
        }
        return false;
    }

    static String commonName(X509Certificate cert) {
        RDN[] cns = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        // OpenSSL (and so libpq) takes the last CN when there are several
        return cns.length == 0 ? null : IETFUtils.valueToString(cns[cns.length - 1].getFirst().getValue());
    }

    private static byte[] addressBytes(String literal) {
        try {
            String s = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1)
                    : literal;
            if (!isIpLiteral(s)) {
                return null;
            }
            byte[] b = InetAddress.getByName(s).getAddress();
            if (s.indexOf(':') >= 0 && b.length == 4) {
                // the JDK turns ::ffff:a.b.c.d into an IPv4 address; libpq compares the 16 bytes as written
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
