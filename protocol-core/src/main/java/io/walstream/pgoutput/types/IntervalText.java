package io.walstream.pgoutput.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Parses interval text in {@code IntervalStyle postgres} and {@code postgres_verbose}. Stateless. */
final class IntervalText {

    private IntervalText() {
    }

    static PgInterval parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("infinity") || t.equalsIgnoreCase("+infinity")) {
            return PgInterval.POSITIVE_INFINITY;
        }
        if (t.equalsIgnoreCase("-infinity")) {
            return PgInterval.NEGATIVE_INFINITY;
        }
        String[] tokens = words(t);
        int i = 0;
        int n = tokens.length;
        if (n > 0 && tokens[0].equals("@")) {
            i++;
        }
        boolean ago = false;
        if (n > i && tokens[n - 1].equalsIgnoreCase("ago")) {
            ago = true;
            n--;
        }
        if (i >= n) {
            throw new IllegalArgumentException("empty interval");
        }
        long months = 0;
        long days = 0;
        long micros = 0;
        for (; i < n; i++) {
            String tok = tokens[i];
            if (tok.indexOf(':') >= 0) {
                micros = Math.addExact(micros, parseClock(tok));
                continue;
            }
            if (i + 1 >= n) {
                throw new IllegalArgumentException("number without unit: " + tok);
            }
            String unit = tokens[++i].toLowerCase(Locale.ROOT);
            BigDecimal num = new BigDecimal(tok.startsWith("+") ? tok.substring(1) : tok);
            switch (unit) {
                case "year": case "years": case "yr": case "yrs": case "y":
                    months = Math.addExact(months, Math.multiplyExact(num.longValueExact(), 12));
                    break;
                case "mon": case "mons": case "month": case "months":
                    months = Math.addExact(months, num.longValueExact());
                    break;
                case "week": case "weeks": case "w":
                    days = Math.addExact(days, Math.multiplyExact(num.longValueExact(), 7));
                    break;
                case "day": case "days": case "d":
                    days = Math.addExact(days, num.longValueExact());
                    break;
                case "hour": case "hours": case "hr": case "hrs": case "h":
                    micros = Math.addExact(micros, scaled(num, 3_600_000_000L));
                    break;
                case "min": case "mins": case "minute": case "minutes": case "m":
                    micros = Math.addExact(micros, scaled(num, 60_000_000L));
                    break;
                case "sec": case "secs": case "second": case "seconds": case "s":
                    micros = Math.addExact(micros, scaled(num, 1_000_000L));
                    break;
                default:
                    throw new IllegalArgumentException("unknown interval unit: " + unit);
            }
        }
        if (ago) {
            months = -months;
            days = -days;
            micros = Math.negateExact(micros);
        }
        return new PgInterval(Math.toIntExact(months), Math.toIntExact(days), micros);
    }

    private static long scaled(BigDecimal num, long factor) {
        return num.multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** {@code [+-]H:MM:SS[.ffffff]} or {@code [+-]H:MM}, the sign applying to every field. */
    private static long parseClock(String tok) {
        boolean negative = false;
        String s = tok;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int c1 = s.indexOf(':');
        int c2 = c1 < 0 ? -1 : s.indexOf(':', c1 + 1);
        if (c1 < 0 || c2 >= 0 && s.indexOf(':', c2 + 1) >= 0) {
            throw new IllegalArgumentException("bad time field: " + tok);
        }
        long hours = Long.parseLong(digits(s.substring(0, c1), tok));
        long minutes = Long.parseLong(digits(s.substring(c1 + 1, c2 < 0 ? s.length() : c2), tok));
        long micros = 0;
        if (c2 >= 0) {
            micros = TemporalText.secondsToMicros(s.substring(c2 + 1), tok);
        }
        long total = Math.addExact(Math.multiplyExact(hours, 3_600_000_000L),
                Math.addExact(minutes * 60_000_000L, micros));
        return negative ? -total : total;
    }

    /** The words of {@code t} (already trimmed) between runs of white space ({@code [ \t\n\x0B\f\r]}). */
    private static String[] words(String t) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(8);
        int i = 0;
        int n = t.length();
        while (i < n) {
            while (i < n && TypeCodecs.isSpace(t.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !TypeCodecs.isSpace(t.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(t.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    private static String digits(String part, String tok) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("bad time field: " + tok);
        }
        for (int i = 0; i < part.length(); i++) {
            if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                throw new IllegalArgumentException("bad time field: " + tok);
            }
        }
        return part;
    }
}
