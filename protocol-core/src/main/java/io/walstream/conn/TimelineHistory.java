package io.walstream.conn;

import java.nio.charset.StandardCharsets;

/**
 * The result of {@code TIMELINE_HISTORY}: the history file's name and raw content.
 *
 * <p><b>Thread safety:</b> immutable; {@link #content()} returns a copy.
 *
 * @param fileName e.g. {@code 00000002.history}
 * @param bytes the file content as sent (no encoding conversion)
 */
public record TimelineHistory(String fileName, byte[] bytes) {

    /** @return a copy of the raw content */
    public byte[] content() {
        return bytes.clone();
    }

    /** @return the content as UTF-8 text: lines of {@code parentTLI<TAB>switchLSN<TAB>reason} */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
