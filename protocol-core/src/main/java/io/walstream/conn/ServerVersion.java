package io.walstream.conn;

/**
 * The server's version: the {@code server_version} display string and the number PostgreSQL calls
 * {@code server_version_num} (e.g. 160004 for 16.4), derived from the leading digits because the server does
 * not report the number itself as a ParameterStatus.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param number e.g. 170006
 * @param display e.g. {@code 17.6 (Debian 17.6-1)}
 */
public record ServerVersion(int number, String display) implements Comparable<ServerVersion> {

    /**
     * Parses {@code server_version}: {@code 16.4}, {@code 16.4 (Debian ...)}, {@code 17beta1}, {@code 18rc1}.
     * Pre-10 three-part versions ({@code 9.6.24}) are understood too.
     *
     * @param display the server_version value
     * @return the version
     * @throws IllegalArgumentException if it does not start with a number
     */
    public static ServerVersion parse(String display) {
        String s = display.strip();
        int i = 0;
        int[] parts = new int[3];
        int n = 0;
        while (n < 3) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            if (i == start) {
                break;
            }
            parts[n++] = Integer.parseInt(s.substring(start, i));
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("Cannot read a version number from server_version \"" + display + "\"");
        }
        int number = parts[0] >= 10 ? parts[0] * 10000 + parts[1] : parts[0] * 10000 + parts[1] * 100 + parts[2];
        return new ServerVersion(number, display);
    }

    /** @return the major version, e.g. 16 (or 9 for 9.6) */
    public int major() {
        return number / 10000;
    }

    /**
     * @param major a major version such as 15
     * @return whether this server is that version or newer
     */
    public boolean atLeast(int major) {
        return number >= major * 10000;
    }

    @Override
    public int compareTo(ServerVersion o) {
        return Integer.compare(number, o.number);
    }
}
