package io.walstream.codec;

/**
 * BackendKeyData ({@code K}): what a CancelRequest must send back.
 *
 * <p><b>Thread safety:</b> immutable; {@link #secretKey()} returns a copy.
 *
 * @param processId the backend's pid
 * @param key the secret key bytes (4 in protocol 3.0, up to 256 in 3.2)
 */
public record BackendKeyData(int processId, byte[] key) {

    /** @return a copy of the secret key */
    public byte[] secretKey() {
        return key.clone();
    }

    /** @return the pid only; the key is secret */
    @Override
    public String toString() {
        return "BackendKeyData[pid=" + processId + ", key=" + key.length + " bytes]";
    }
}
