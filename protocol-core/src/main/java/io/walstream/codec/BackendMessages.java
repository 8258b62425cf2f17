package io.walstream.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the backend messages of startup and the simple query protocol from {@link Frame}s. Each method
 * checks the tag and throws {@link io.walstream.MalformedFrameException} for a payload that does not fit the
 * documented layout (see
 * <a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">Message Formats</a>).
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class BackendMessages {

    private BackendMessages() {
    }

    /**
     * {@code 'R' | Int32 code | data}.
     *
     * @param f an Authentication frame
     * @return the request
     */
    public static AuthenticationRequest authentication(Frame f) {
        WireReader r = reader(f, 'R');
        int code = r.int32();
        return new AuthenticationRequest(code, r.rest());
    }

    /**
     * {@code 'S' | String name | String value}.
     *
     * @param f a ParameterStatus frame
     * @return name and value
     */
    public static ParameterStatus parameterStatus(Frame f) {
        WireReader r = reader(f, 'S');
        return new ParameterStatus(r.cstring(), r.cstring());
    }

    /**
     * {@code 'K' | Int32 pid | Byte[n] secret} (4 bytes in protocol 3.0, up to 256 in 3.2).
     *
     * @param f a BackendKeyData frame
     * @return pid and key
     */
    public static BackendKeyData backendKeyData(Frame f) {
        WireReader r = reader(f, 'K');
        int pid = r.int32();
        byte[] key = r.rest();
        if (key.length < 4 || key.length > 256) {
            throw r.malformed("a cancel key of " + key.length + " bytes (4..256 allowed)");
        }
        return new BackendKeyData(pid, key);
    }

    /**
     * {@code 'Z' | Byte1 status} ('I' idle, 'T' in a transaction block, 'E' failed transaction).
     *
     * @param f a ReadyForQuery frame
     * @return the status character
     */
    public static char readyForQuery(Frame f) {
        WireReader r = reader(f, 'Z');
        int s = r.byte1();
        if (s != 'I' && s != 'T' && s != 'E') {
            throw r.malformed("unknown transaction status " + s);
        }
        return (char) s;
    }

    /**
     * {@code 'C' | String tag}.
     *
     * @param f a CommandComplete frame
     * @return the command tag, e.g. {@code SELECT 1}
     */
    public static String commandComplete(Frame f) {
        return reader(f, 'C').cstring();
    }

    /**
     * {@code 'T' | Int16 n | { String name, Int32 tableOid, Int16 attnum, Int32 typeOid, Int16 typlen,
     * Int32 typmod, Int16 format } * n}.
     *
     * @param f a RowDescription frame
     * @return the columns
     */
    public static List<Column> rowDescription(Frame f) {
        WireReader r = reader(f, 'T');
        int n = r.int16();
        if (n < 0) {
            throw r.malformed("a negative column count " + n);
        }
        List<Column> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = r.cstring();
            int table = r.int32();
            short attnum = r.int16();
            int type = r.int32();
            short typlen = r.int16();
            int typmod = r.int32();
            short format = r.int16();
            cols.add(new Column(name, table, attnum, type, typlen, typmod, format));
        }
        return cols;
    }

    /**
     * {@code 'D' | Int16 n | { Int32 len (-1 = NULL), Byte[len] } * n}.
     *
     * @param f a DataRow frame
     * @return the values, {@code null} for SQL NULL
     */
    public static byte[][] dataRow(Frame f) {
        WireReader r = reader(f, 'D');
        int n = r.int16();
        if (n < 0) {
            throw r.malformed("a negative column count " + n);
        }
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            int len = r.int32();
            if (len < -1) {
                throw r.malformed("column " + i + " has length " + len);
            }
            values[i] = len == -1 ? null : r.bytes(len);
        }
        return values;
    }

    /**
     * {@code 'v' | Int32 newestMinor | Int32 n | String[n] unrecognized options}.
     *
     * @param f a NegotiateProtocolVersion frame
     * @return the newest minor version and unrecognized options
     */
    public static NegotiateProtocolVersion negotiateProtocolVersion(Frame f) {
        WireReader r = reader(f, 'v');
        int minor = r.int32();
        int n = r.int32();
        if (n < 0 || n > 1000) {
            throw r.malformed("an option count of " + n);
        }
        List<String> options = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            options.add(r.cstring());
        }
        return new NegotiateProtocolVersion(minor, options);
    }

    /**
     * CopyInResponse {@code G}, CopyOutResponse {@code H} or CopyBothResponse {@code W}:
     * {@code Int8 format | Int16 n | Int16[n] column formats}.
     *
     * @param f one of those frames
     * @return the overall format (0 text, 1 binary)
     */
    public static int copyResponseFormat(Frame f) {
        if (f.tag() != 'G' && f.tag() != 'H' && f.tag() != 'W') {
            throw new WireReader(f).malformed("expected a Copy*Response");
        }
        WireReader r = new WireReader(f);
        int format = r.byte1();
        int n = r.int16();
        for (int i = 0; i < n; i++) {
            r.int16();
        }
        return format;
    }

    private static WireReader reader(Frame f, char tag) {
        WireReader r = new WireReader(f);
        if (f.tag() != tag) {
            throw r.malformed("expected '" + tag + "'");
        }
        return r;
    }
}
