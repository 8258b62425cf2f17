package io.walstream.pgoutput.types;

/** Parses and formats IP address text without name lookups, like PostgreSQL's inet I/O. Stateless. */
final class InetText {

    private InetText() {
    }

    static PgInet parse(String text, boolean cidr) {
        String addr = text;
        int bits = -1;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            addr = text.substring(0, slash);
            bits = Integer.parseInt(text.substring(slash + 1));
        }
        byte[] bytes = addr.indexOf(':') >= 0 ? parseV6(addr, text) : parseV4(addr, text, cidr && slash >= 0);
        return PgInet.of(bytes, bits < 0 ? bytes.length * 8 : bits, cidr);
    }

    private static byte[] parseV4(String s, String text, boolean allowShort) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4 || parts.length < 1 || (parts.length < 4 && !allowShort)) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        byte[] out = new byte[4];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s, String text) {
        int[] words = new int[8];
        String head = s;
        String tail = "";
        int dc = s.indexOf("::");
        if (dc >= 0) {
            head = s.substring(0, dc);
            tail = s.substring(dc + 2);
            if (tail.contains("::")) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
        }
        int[] h = groups(head, text);
        int[] t = groups(tail, text);
        if (dc < 0 ? h.length != 8 : h.length + t.length > 7) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        System.arraycopy(h, 0, words, 0, h.length);
        System.arraycopy(t, 0, words, 8 - t.length, t.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (words[i] >>> 8);
            out[2 * i + 1] = (byte) words[i];
        }
        return out;
    }

    /** Colon-separated hex groups; a trailing dotted IPv4 part counts as two groups. */
    private static int[] groups(String s, String text) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        String last = parts[parts.length - 1];
        boolean v4 = last.indexOf('.') >= 0;
        int[] out = new int[parts.length + (v4 ? 1 : 0)];
        for (int i = 0; i < parts.length - (v4 ? 1 : 0); i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
            try {
                out[i] = Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv6 address: " + text, e);
            }
        }
        if (v4) {
            byte[] b = parseV4(last, text, false);
            out[out.length - 2] = (b[0] & 0xff) << 8 | (b[1] & 0xff);
            out[out.length - 1] = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        }
        return out;
    }

    static String format(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
        }
        // longest run of zero words (length >= 2), the first on ties, as BIND's inet_ntop6 does
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (w[i] == 0) {
                int j = i;
                while (j < 8 && w[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestBase = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0
                    && (bestLen == 6 || (bestLen == 7 && w[7] != 0x0001) || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.').append(a[14] & 0xff)
                        .append('.').append(a[15] & 0xff);
                break;
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
