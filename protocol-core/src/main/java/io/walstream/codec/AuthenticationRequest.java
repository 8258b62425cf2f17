package io.walstream.codec;

/**
 * An Authentication ({@code R}) message: the request code and its data.
 *
 * <p><b>Thread safety:</b> immutable (the data array is not copied on access; treat it as read-only).
 *
 * @param code 0 OK, 2 KerberosV5, 3 cleartext, 5 MD5, 7 GSS, 8 GSS continue, 9 SSPI, 10 SASL, 11 SASL continue,
 *        12 SASL final
 * @param data the bytes after the code (MD5 salt, SASL mechanism list or SASL data)
 */
public record AuthenticationRequest(int code, byte[] data) {
    /** AuthenticationOk. */
    public static final int OK = 0;
    /** AuthenticationKerberosV5. */
    public static final int KERBEROS_V5 = 2;
    /** AuthenticationCleartextPassword. */
    public static final int CLEARTEXT_PASSWORD = 3;
    /** AuthenticationMD5Password. */
    public static final int MD5_PASSWORD = 5;
    /** AuthenticationGSS. */
    public static final int GSS = 7;
    /** AuthenticationGSSContinue. */
    public static final int GSS_CONTINUE = 8;
    /** AuthenticationSSPI. */
    public static final int SSPI = 9;
    /** AuthenticationSASL. */
    public static final int SASL = 10;
    /** AuthenticationSASLContinue. */
    public static final int SASL_CONTINUE = 11;
    /** AuthenticationSASLFinal. */
    public static final int SASL_FINAL = 12;

    /** @return the method's name for messages, e.g. {@code GSSAPI} */
    public String methodName() {
        switch (code) {
            case OK: return "ok";
            case KERBEROS_V5: return "Kerberos V5";
            case CLEARTEXT_PASSWORD: return "password";
            case MD5_PASSWORD: return "md5";
            case GSS: case GSS_CONTINUE: return "GSSAPI";
            case SSPI: return "SSPI";
            case SASL: case SASL_CONTINUE: case SASL_FINAL: return "SASL";
            default: return "unknown method " + code;
        }
    }
}
