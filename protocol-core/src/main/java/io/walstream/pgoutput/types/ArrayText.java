package io.walstream.pgoutput.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one-dimensional array text ({@code {1,2,NULL,"a \"b\""}}, optionally prefixed with bounds such as
 * {@code [0:2]=}) into element texts, {@code null} for unquoted {@code NULL}. Stateless.
 */
final class ArrayText {

    private ArrayText() {
    }

    static List<String> split(String text, char delimiter) {
        String s = text.trim();
        if (s.startsWith("[")) {
            int eq = s.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("array bounds without '='");
            }
            if (s.substring(0, eq).indexOf('[', 1) >= 0) {
                throw new IllegalArgumentException("multi-dimensional arrays are not supported");
            }
            s = s.substring(eq + 1).trim();
        }
        if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}') {
            throw new IllegalArgumentException("array text must be enclosed in braces");
        }
        List<String> out = new ArrayList<>();
        int i = 1;
        int end = s.length() - 1;
        if (s.substring(1, end).trim().isEmpty()) {
            return out;
        }
        while (true) {
            while (i < end && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < end && s.charAt(i) == '{') {
                throw new IllegalArgumentException("multi-dimensional arrays are not supported");
            }
            StringBuilder el = new StringBuilder();
            boolean quoted = false;
            if (i < end && s.charAt(i) == '"') {
                quoted = true;
                i++;
                while (true) {
                    if (i >= end) {
                        throw new IllegalArgumentException("unterminated quoted array element");
                    }
                    char c = s.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (i >= end) {
                            throw new IllegalArgumentException("dangling backslash in array");
                        }
                        c = s.charAt(i++);
                    }
                    el.append(c);
                }
                while (i < end && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
            } else {
                int lastSignificant = 0;
                while (i < end && s.charAt(i) != delimiter) {
                    char c = s.charAt(i++);
                    if (c == '"' || c == '{' || c == '}') {
                        throw new IllegalArgumentException("unexpected '" + c + "' in array element");
                    }
                    if (c == '\\') {
                        if (i >= end) {
                            throw new IllegalArgumentException("dangling backslash in array");
                        }
                        el.append(s.charAt(i++));
                        lastSignificant = el.length();
                        quoted = true; // an escaped element is never NULL
                    } else {
                        el.append(c);
                        if (!Character.isWhitespace(c)) {
                            lastSignificant = el.length();
                        }
                    }
                }
                el.setLength(lastSignificant);
                if (el.length() == 0) {
                    throw new IllegalArgumentException("empty unquoted array element");
                }
            }
            String value = el.toString();
            out.add(!quoted && value.equalsIgnoreCase("NULL") ? null : value);
            if (i >= end) {
                return out;
            }
            if (s.charAt(i) != delimiter) {
                throw new IllegalArgumentException("expected '" + delimiter + "' in array at " + i);
            }
            i++;
        }
    }
}
